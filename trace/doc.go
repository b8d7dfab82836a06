// Package trace follows the loop that gongzhi's packages model, across
// their Stores: a resident's request (ticket) becomes a topic (agenda), the
// topic is deliberated and resolved at a meeting, the resolution becomes a
// practical project (project) that residents vote on, that is built,
// accepted and rated.
//
// The records cite each other in the direction of the import graph: a
// topic cites its tickets (agenda.Source.Ticket), a project cites its
// topic, resolution and tickets (project.Project.Topic, Resolution,
// Tickets) and its polls (VoteOutcome.Poll, Review.Poll). Back walks these
// citations from a project to the first ticket; Forward finds, from a
// ticket, every topic and project that cites it. Both read only through
// the packages' Store interfaces, so they work on the in-memory stores and
// on any adapter (PostgreSQL, SQLite) alike, and they change nothing.
// From streams every topic and project once, unless the stores implement
// the optional TopicIndex and ProjectIndex (both adapters do, from indexed
// link tables), which it then asks for the citing records only.
//
// A citation of a record that is missing is reported as a *BrokenError:
// the services refuse such citations when they are written (see
// agenda.Options.Tickets and project.Options.Topics), and the PostgreSQL
// and SQLite adapters refuse them with foreign keys where the records
// share a database, so a broken chain means a store was edited behind
// their back or cites records kept elsewhere.
package trace
