// Package vote implements the voting rules used in community
// self-governance and the ballot boxes that collect their ballots.
package vote
