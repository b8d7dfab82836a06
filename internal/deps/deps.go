package deps

import (
	_ "github.com/google/go-cmp/cmp"
	_ "github.com/samber/lo"
	_ "github.com/shopspring/decimal"
	_ "pgregory.net/rapid"
)
