# Reads every CSV table of the bundle with base R's read.csv, as a researcher
# would, and writes back what R read, so that checks.py can compare it with
# our tables: for each table, WORK/TABLE.classes (one class per column) and
# WORK/TABLE.tsv (the values, dates converted with as.Date, numbers in full).
#
#   Rscript read.R BUNDLE WORK TABLE:DATECOL,DATECOL ...
args <- commandArgs(trailingOnly = TRUE)
bundle <- args[1]
work <- args[2]
for (spec in args[-(1:2)]) {
  parts <- strsplit(spec, ":", fixed = TRUE)[[1]]
  name <- parts[1]
  dates <- if (length(parts) > 1 && nzchar(parts[2])) strsplit(parts[2], ",", fixed = TRUE)[[1]] else character()
  d <- read.csv(file.path(bundle, "csv", paste0(name, ".csv")), encoding = "UTF-8")
  for (col in dates) d[[col]] <- as.Date(d[[col]])
  writeLines(vapply(d, function(x) class(x)[1], ""), file.path(work, paste0(name, ".classes")))
  out <- lapply(d, function(x) {
    na <- is.na(x) # before format(), which writes NA as "NA"
    if (is.numeric(x)) x <- format(x, scientific = FALSE, trim = TRUE, digits = 15)
    x <- as.character(x)
    x[na] <- ""
    x
  })
  out <- as.data.frame(out, stringsAsFactors = FALSE, optional = TRUE)
  write.table(out, file.path(work, paste0(name, ".tsv")), sep = "\t", quote = FALSE,
              row.names = FALSE, col.names = TRUE, fileEncoding = "UTF-8")
}
