// Command annual-meeting-notice produces the publicity notice (公示) of the
// annual co-governance meeting's project vote: the clerk's tally sheet of
// 46 paper ballots (one row per ballot, √ for a vote) is counted under the
// project-priorities preset, and the result is written as a
// self-contained HTML page with the publicity period computed on China's
// working calendar, the ballot list by number and the ballot digest for
// anyone to check.
//
// Run it with:
//
//	go run ./examples/annual-meeting-notice -out notice.html
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/gongzhi/gongzhi/calendar"
	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/report"
	"github.com/gongzhi/gongzhi/sheet"
)

// projects are the six candidate projects of the Shuangjing subdistrict's
// annual co-governance meeting (public report).
var projects = []string{"双井1-3社区深化打造", "消除老旧小区房屋安全隐患", "区域养老服务联合体",
	"社区景观微更新改造", "文创园区周边可持续更新提升", "数字经济文化艺术街区科技景观场景打造"}

// tallySheet is the clerk's sheet: each of the 46 representatives marked
// five projects and left one out; project 1 is left out 5 times, project 4
// 6 times, project 2 8 times and projects 3, 5 and 6 9 times each.
func tallySheet() [][]string {
	rows := [][]string{append([]string{"选票编号"}, projects...)}
	n := 0
	for _, lo := range []struct{ project, times int }{{0, 5}, {3, 6}, {1, 8}, {2, 9}, {4, 9}, {5, 9}} {
		for range lo.times {
			n++
			row := []string{fmt.Sprintf("%02d", n)}
			for j := range projects {
				if j == lo.project {
					row = append(row, "")
				} else {
					row = append(row, "√")
				}
			}
			rows = append(rows, row)
		}
	}
	return rows
}

func main() {
	out := flag.String("out", filepath.Join(os.TempDir(), "annual-meeting-notice.html"), "where to write the notice")
	flag.Parse()
	rule, err := catalog.Preset("project-priorities", 0)
	if err != nil {
		log.Fatal(err)
	}
	res, err := catalog.CountSheet(rule, tallySheet(), sheet.Options{PollID: "shuangjing-2025-projects"})
	if err != nil {
		log.Fatal(err)
	}
	cal := calendar.China()
	notice := &report.Notice{
		Issuer: "双井街道某社区居民委员会",
		Body: []string{"2025年12月5日，社区召开年度共治议事会，46名居民代表对6个候选实事项目进行票决（每人5票，每个项目至多1票），" +
			"支持率超过80%的项目通过，得票最多的2个项目列为年度重点。现将结果公示如下。"},
		Posted:     time.Date(2025, 12, 8, 9, 0, 0, 0, cal.Location()),
		Period:     calendar.Period{N: 5, Unit: calendar.WorkingDays},
		Calendar:   cal,
		Objections: "公示期内如有异议，请以书面形式向社区居民委员会反映，并写明理由和联系方式。",
		BallotList: true, // each representative finds their ballot by its number
	}
	page, err := report.Page(res, report.PageOptions{Notice: notice})
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, page, 0o644); err != nil {
		log.Fatal(err)
	}
	s := report.Summarize(res, report.Chinese)
	fmt.Println(s.Title)
	for _, l := range s.Outcome {
		fmt.Println(l)
	}
	fmt.Printf("ballot digest %s\n", res.Vote.Digest)
	fmt.Printf("wrote the notice (%d bytes) to %s\n", len(page), filepath.Base(*out))
}
