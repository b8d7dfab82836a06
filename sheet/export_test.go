package sheet

// ColumnLettersForTest exposes columnLetters to the external tests.
var ColumnLettersForTest = columnLetters
