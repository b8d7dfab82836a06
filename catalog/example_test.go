package catalog_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/gongzhi/gongzhi/catalog"
	"github.com/gongzhi/gongzhi/vote/ballotfile"
)

func ExampleFind() {
	e, _ := catalog.Find("owners-special")
	fmt.Println(e.Kind, e.Label)
	fmt.Println(e.TitleZH)
	fmt.Println(e.Source)
	// Output:
	// vote verified
	// 业主共同决定（筹集维修资金、改建重建、改变共有部分用途）
	// Civil Code art. 278; SPC interpretation on building-unit ownership (2020) arts. 8-9
}

func ExampleCount() {
	irv, _ := catalog.ParseRule([]byte(`{"method":"irv"}`), 0)
	ballots := `{"ranking":["张三","李四"]}
{"ranking":["李四"]}
{"ranking":["张三"]}
`
	out, err := catalog.Count(context.Background(), irv, catalog.Input{Format: ballotfile.JSONL}, strings.NewReader(ballots))
	fmt.Println(out.Winners(), err)
	// Output: [张三] <nil>
}
