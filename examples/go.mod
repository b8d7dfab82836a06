module github.com/gongzhi/gongzhi/examples

go 1.26

require (
	github.com/gongzhi/gongzhi v0.0.0
	github.com/shopspring/decimal v1.6.0
)

replace github.com/gongzhi/gongzhi => ..
