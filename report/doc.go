// Package report renders counted results for people: the headings and
// explanations in Chinese or English through a message catalogue (Lang),
// a language-specific summary of a result (Summarize: facts, tables with
// names rather than ids, rates with their exact fractions) that a text
// tool lays out, and self-contained HTML pages (inline CSS and SVG, no
// scripts, no network) that can be pinned on a notice board (公示) or
// opened on a phone. Output is deterministic: equal inputs give identical
// bytes.
package report
