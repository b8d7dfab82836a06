package project

import (
	"github.com/shopspring/decimal"
)

// Funding is one line of a project's funding plan: how much comes from
// which kind of source.
type Funding struct {
	Kind   SourceKind      `json:"kind"`
	Amount decimal.Decimal `json:"amount"`
	Note   string          `json:"note,omitempty"`
}

// SourceID identifies a funding source.
type SourceID string

// SourceKind says where money comes from.
type SourceKind string

// Kinds of funding source.
const (
	DistrictBudget  SourceKind = "district"         // 区级财政
	SubdistrictFund SourceKind = "subdistrict"      // 街道经费
	CommunityFund   SourceKind = "community"        // 社区公益金 / 党组织服务群众经费
	MaintenanceFund SourceKind = "maintenance_fund" // 住宅专项维修资金 (use needs art. 278 item 5)
	OwnerFunds      SourceKind = "owners"           // owners' own contributions, split by a SharingRule
	Donation        SourceKind = "donation"         // 社会捐赠
)

func (k SourceKind) valid() bool {
	switch k {
	case DistrictBudget, SubdistrictFund, CommunityFund, MaintenanceFund, OwnerFunds, Donation:
		return true
	}
	return false
}
