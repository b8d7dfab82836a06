module github.com/gongzhi/gongzhi

go 1.26

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/samber/lo v1.53.0 // indirect
	github.com/shopspring/decimal v1.6.0 // indirect
	golang.org/x/text v0.22.0 // indirect
	pgregory.net/rapid v1.3.0 // indirect
)
