package synth

// The vocabulary the generator draws names and sentences from. Names come
// with the ASCII slug their ids use; several are Cyrillic, accented Latin or
// CJK, so that every byte-, rune- and column-counting path meets them.

type name struct{ text, slug string }

// Latin-script given names and surnames (some accented).
var latinGiven = []name{
	{"Anna", "anna"}, {"James", "james"}, {"José", "jose"}, {"Zoë", "zoe"}, {"Søren", "soren"},
	{"François", "francois"}, {"Małgorzata", "malgorzata"}, {"İlkay", "ilkay"}, {"Jürgen", "jurgen"},
	{"Maria", "maria"}, {"Kenji", "kenji"}, {"Fatima", "fatima"}, {"Dmitri", "dmitri"},
	{"Ingrid", "ingrid"}, {"Pedro", "pedro"}, {"Chloé", "chloe"}, {"Ahmet", "ahmet"},
	{"Eleni", "eleni"}, {"Tomás", "tomas"}, {"Agnieszka", "agnieszka"}, {"Mikael", "mikael"},
	{"Olena", "olena"}, {"Jean-Luc", "jean-luc"}, {"Ngozi", "ngozi"}, {"Raúl", "raul"},
}

var latinSurname = []name{
	{"Kovalenko", "kovalenko"}, {"Álvarez", "alvarez"}, {"Dvořák", "dvorak"}, {"Østergaard", "ostergaard"},
	{"Lefèvre", "lefevre"}, {"Wiśniewska", "wisniewska"}, {"Müller", "muller"}, {"Smith", "smith"},
	{"Tanaka", "tanaka"}, {"Novak", "novak"}, {"Haddad", "haddad"}, {"Lindqvist", "lindqvist"},
	{"Santos", "santos"}, {"Dubois", "dubois"}, {"Brown", "brown"}, {"Öztürk", "ozturk"},
	{"Papadopoulos", "papadopoulos"}, {"Nowak", "nowak"}, {"García", "garcia"}, {"Rossi", "rossi"},
	{"Jankauskas", "jankauskas"}, {"Ozols", "ozols"}, {"Tamm", "tamm"}, {"Okafor", "okafor"},
}

// Cyrillic given names and surnames.
var cyrGiven = []name{
	{"Олена", "olena"}, {"Ярослав", "yaroslav"}, {"Сергій", "serhii"}, {"Ірина", "iryna"},
	{"Дмитро", "dmytro"}, {"Наталія", "nataliia"}, {"Андрій", "andrii"}, {"Оксана", "oksana"},
	{"Михаил", "mikhail"}, {"Татьяна", "tatiana"}, {"Алексей", "aleksei"}, {"Юлія", "yuliia"},
}

var cyrSurname = []name{
	{"Коваленко", "kovalenko"}, {"Мельник", "melnyk"}, {"Шевченко", "shevchenko"}, {"Бондаренко", "bondarenko"},
	{"Ткаченко", "tkachenko"}, {"Кравчук", "kravchuk"}, {"Олійник", "oliinyk"}, {"Іваненко", "ivanenko"},
	{"Смирнов", "smirnov"}, {"Кузнецова", "kuznetsova"}, {"Попов", "popov"}, {"Лисенко", "lysenko"},
}

// CJK and Hangul full names.
var cjkNames = []name{
	{"王芳", "wang-fang"}, {"李伟", "li-wei"}, {"佐藤花子", "sato-hanako"}, {"김민준", "kim-minjun"},
	{"張偉", "zhang-wei"}, {"田中太郎", "tanaka-taro"}, {"陈静", "chen-jing"}, {"鈴木一郎", "suzuki-ichiro"},
	{"박서연", "park-seoyeon"}, {"刘洋", "liu-yang"}, {"高橋美咲", "takahashi-misaki"}, {"이준호", "lee-junho"},
}

var cities = []name{
	{"Kyiv", "kyiv"}, {"Kharkiv", "kharkiv"}, {"Lviv", "lviv"}, {"Brussels", "brussels"},
	{"Washington", "washington"}, {"Warsaw", "warsaw"}, {"Zürich", "zurich"}, {"Gdańsk", "gdansk"},
	{"Київ", "kyiv"}, {"Москва", "moskva"}, {"Vilnius", "vilnius"}, {"Tallinn", "tallinn"},
	{"Rīga", "riga"}, {"München", "munchen"}, {"Genève", "geneve"}, {"Bruxelles", "bruxelles"},
	{"東京", "tokyo"}, {"北京", "beijing"}, {"Seoul", "seoul"}, {"Ankara", "ankara"},
	{"İstanbul", "istanbul"}, {"Chișinău", "chisinau"}, {"Odesa", "odesa"}, {"Helsinki", "helsinki"},
	{"Ottawa", "ottawa"}, {"Canberra", "canberra"}, {"Dnipro", "dnipro"}, {"Mariupol", "mariupol"},
}

var roleTitles = []string{
	"Foreign Minister", "Defence Minister", "Prime Minister", "President", "spokesperson",
	"ambassador to the United Nations", "Finance Minister", "head of the central bank", "member",
	"chair of the foreign affairs committee", "Deputy Prime Minister", "Chief of General Staff",
	"Secretary of the National Security Council", "High Representative", "Press Secretary",
}

var orgAdjectives = []string{
	"Baltic", "Eastern", "Northern", "Atlantic", "Black Sea", "Danube", "Nordic", "Central European",
	"Pacific", "Caspian", "Adriatic", "Carpathian", "Arctic", "Mediterranean", "Alpine", "Continental",
}

var orgNouns = []string{
	"Maritime", "Energy", "Security", "Trade", "Partnership", "Cooperation", "Reconstruction",
	"Humanitarian", "Monitoring", "Grain", "Development", "Defence", "Nuclear Safety", "Migration",
}

var orgKinds = []string{
	"Council", "Forum", "Union", "Commission", "Initiative", "Alliance", "Agency", "Assembly", "Organisation", "Fund",
}

var bodyKinds = []string{
	"Ministry of Foreign Affairs", "Ministry of Defence", "Treasury Department", "Office of Sanctions Enforcement",
	"National Security Council", "Central Bank", "Federal Foreign Office", "Ministry of Economy",
	"State Border Guard Service", "Customs Service", "Parliament", "Prosecutor General's Office",
}

var mediaNames = []name{
	{"Agence France-Presse", "afp"}, {"Reuters", "reuters"}, {"Associated Press", "ap"},
	{"Deutsche Welle", "dw"}, {"Ukrinform", "ukrinform"}, {"Kyodo News", "kyodo"},
	{"Xinhua", "xinhua"}, {"Інтерфакс-Україна", "interfax-ukraine"}, {"Le Monde", "le-monde"},
	{"Gazeta Wyborcza", "gazeta-wyborcza"}, {"Yonhap", "yonhap"}, {"Rzeczpospolita", "rzeczpospolita"},
}

var groupNames = []string{
	"banks", "oligarchs", "exporters", "members of the elite", "local residents", "refugees",
	"defence companies", "state media outlets", "shipping companies", "senior officials",
	"members of parliament", "grain traders", "energy firms", "volunteers", "civilians",
}

var companyForms = []name{
	{"Energy Holdings", "energy-holdings"}, {"Shipping Company", "shipping-company"},
	{"Pipeline AG", "pipeline-ag"}, {"Metals PLC", "metals-plc"}, {"Bank JSC", "bank-jsc"},
	{"Grain Export LLC", "grain-export-llc"}, {"Aerospace SA", "aerospace-sa"},
	{"Chemicals GmbH", "chemicals-gmbh"}, {"Logistics Oy", "logistics-oy"},
}

var companyNative = []name{
	{"ООО «Балтийская энергия»", "baltiiskaya-energiya"}, {"АО «Северный флот»", "severnyi-flot"},
	{"株式会社東海商事", "tokai-shoji"}, {"中远海运物流", "cosco-logistics"}, {"Société Générale d’Énergie", "societe-generale-energie"},
	{"Żegluga Bałtycka S.A.", "zegluga-baltycka"},
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

var goods = []string{
	"semiconductors", "aircraft parts", "dual-use goods", "luxury goods", "coal", "crude oil",
	"refined petroleum products", "steel", "fertiliser", "machine tools", "software", "diamonds",
}

var scopes = []string{
	"its economy", "its central bank's reserves", "exports of dual-use goods", "travel to the Schengen area",
	"its access to SWIFT", "its sovereign debt", "its energy sector", "its defence industry",
	"its assets held abroad", "its shipping fleet", "its aviation sector",
}

var legalBases = []string{
	"Executive Order 14024", "Council Regulation (EU) 2022/%d", "Council Decision (CFSP) 2022/%d",
	"the Sanctions and Anti-Money Laundering Act 2018", "Federal Law No. %d-FZ",
	"Resolution %d of the Cabinet of Ministers", "the Special Economic Measures Act",
	"Article %d of the Foreign Trade Act", "Decree No. %d/2022 of the President",
}

var metrics = []struct{ metric, unit string }{
	{"killed", "people"}, {"injured", "people"}, {"fled the country", "people"}, {"displaced", "people"},
	{"assets frozen", "USD"}, {"assets frozen", "EUR"}, {"aid pledged", "EUR"}, {"aid pledged", "USD"},
	{"entities listed", "entities"}, {"individuals listed", "people"}, {"tanks delivered", "tanks"},
	{"tonnes of grain exported", "tonnes"}, {"diplomats expelled", "people"},
}

var qualifiers = []string{"exactly", "about", "more-than", "at-least", "fewer-than", "at-most", "up-to"}

var qualifierWords = map[string]string{
	"exactly": "exactly", "about": "about", "more-than": "more than", "at-least": "at least",
	"fewer-than": "fewer than", "at-most": "at most", "up-to": "up to",
}

var periods = []string{"on day 1", "in just 48 hours", "in the first week", "since February", "over the weekend", "in March", "this year"}

var channels = []string{"in a statement", "in a televised address", "at a press conference", "on social media", "in an interview", "in a letter to parliament", "at a briefing"}

// Quotations are built from these parts, so that each source has quotes of
// its own.
var quoteOpeners = []string{"We", "The government", "Our allies and we", "This administration", "Europe", "The international community", "My country", "Our partners"}
var quoteVerbs = []string{"will not accept", "condemn in the strongest terms", "will respond firmly to", "stand united against", "will hold to account those responsible for", "cannot ignore", "reject", "will keep up the pressure over"}
var quoteObjects = []string{"this unprovoked attack", "the attempt to redraw borders by force", "the shelling of civilian areas", "the blockade of the ports", "the illegal annexation", "the attacks on energy infrastructure", "these violations of international law", "the deportation of children"}
var quoteTails = []string{"", " for as long as it takes", " and we will not be intimidated", ", whatever the cost", " together with our partners", " until the troops withdraw", ", and the sanctions will stay"}
