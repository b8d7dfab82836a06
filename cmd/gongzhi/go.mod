module github.com/gongzhi/gongzhi/cmd/gongzhi

go 1.26

require github.com/gongzhi/gongzhi v0.0.0

require github.com/shopspring/decimal v1.6.0 // indirect

replace github.com/gongzhi/gongzhi => ../..
