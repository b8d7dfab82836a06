package ticket

// RollUpViewLimit exposes the spill threshold of RollUpView to tests.
var RollUpViewLimit = rollUpView
