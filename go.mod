module github.com/gongzhi/gongzhi

go 1.26

require (
	github.com/google/go-cmp v0.7.0
	github.com/shopspring/decimal v1.6.0
	pgregory.net/rapid v1.3.0
)

require github.com/6tail/lunar-go v1.4.7
