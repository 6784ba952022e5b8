package atomicset

// The internals that the fault tests (package atomicset_test, which runs
// curate/export's releases too) reach.

var (
	Reserved       = reserved
	FaultHook      = &faultHook
	NoExchange     = &noExchange
	HoldLock       = holdLock
	RecoverJournal = recoverJournal
)

const JournalName = journalName

type (
	Journal      = journal
	JournalEntry = journalEntry
)
