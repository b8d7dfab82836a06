package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/gongzhi/gongzhi/catalog"
)

// errNoRule means the --rule argument is neither a file nor a preset.
var errNoRule = errors.New("no such rule file or preset")

// loadRule reads a rule config file, or takes a preset by name.
func loadRule(arg string, seats int) (catalog.Rule, error) {
	if _, ok := catalog.Find(arg); ok {
		return catalog.Preset(arg, seats)
	}
	data, err := readFileMax(arg, maxConfigBytes)
	if errors.Is(err, os.ErrNotExist) {
		return catalog.Rule{}, fmt.Errorf("%w: %q (run \"gongzhi presets\" for the preset names)", errNoRule, arg)
	}
	if err != nil {
		return catalog.Rule{}, err
	}
	return catalog.ParseRule(data, seats)
}
