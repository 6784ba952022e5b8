# Reads every table and view of curate.sqlite with DBI and RSQLite (Debian
# r-cran-rsqlite), as a researcher would, and writes back what R read, so
# that sqlite_checks.py can compare it with our CSV tables: WORK/tables.txt
# (dbListTables), WORK/versions.txt, and for each table WORK/TABLE.classes
# (one class per column) and WORK/TABLE.tsv (NA as empty; tab, line break
# and backslash escaped as \t, \n, \r, \\).
#
#   Rscript sqlite.R DATABASE WORK TABLE ...
suppressPackageStartupMessages(library(DBI))
args <- commandArgs(trailingOnly = TRUE)
work <- args[2]
con <- dbConnect(RSQLite::SQLite(), args[1], flags = RSQLite::SQLITE_RO)
writeLines(dbListTables(con), file.path(work, "tables.txt"))
writeLines(c(paste(R.version$major, R.version$minor, sep = "."), as.character(packageVersion("RSQLite"))),
           file.path(work, "versions.txt"))
esc <- function(x) {
  x <- gsub("\\", "\\\\", x, fixed = TRUE)
  x <- gsub("\t", "\\t", x, fixed = TRUE)
  x <- gsub("\n", "\\n", x, fixed = TRUE)
  gsub("\r", "\\r", x, fixed = TRUE)
}
for (name in args[-(1:2)]) {
  d <- dbGetQuery(con, paste0('SELECT * FROM "', name, '"'))
  writeLines(vapply(d, function(x) class(x)[1], ""), file.path(work, paste0(name, ".classes")))
  out <- lapply(d, function(x) {
    na <- is.na(x)
    if (is.numeric(x)) x <- format(x, scientific = FALSE, trim = TRUE, digits = 15)
    x <- esc(enc2utf8(as.character(x)))
    x[na] <- ""
    x
  })
  lines <- c(paste(names(d), collapse = "\t"),
             if (nrow(d) > 0) do.call(paste, c(out, sep = "\t")) else character())
  con_out <- file(file.path(work, paste0(name, ".tsv")), open = "w", encoding = "UTF-8")
  writeLines(lines, con_out, useBytes = FALSE)
  close(con_out)
}
dbDisconnect(con)
