// Package grid models the city's hierarchy of places (网格化管理) and the
// people responsible for them: where every ticket, topic and project
// happens, who answers for that place, and how figures roll up to every
// level.
//
// # Places, levels and codes
//
// A place is a node of a tree: a district, a subdistrict, a community, a
// unit grid, a building, a unit, a household. A node has an ID (its
// identity, never changed or reused), a Code (data: it may change in a
// redistricting and be reused after the node is retired), a name, a Level
// and an effective period. Levels are configured by a Hierarchy;
// DefaultHierarchy is Beijing's city > district > subdistrict/town >
// community/village > grid > building > unit > household.
//
// Codes follow the national standards: 12-digit statistical division codes
// for administrative places, Beijing's 15-digit unit-grid codes (DB11/T
// 2157-2023), 16-digit city-component codes, and this package's documented
// extensions for buildings (19 digits), units (21) and households (25).
// ParseCode validates a code and Code.Parent derives its parent's code.
//
// # History
//
// The tree changes by Batches: atomic sets of Changes (Create, Move,
// Recode, Rename, Retire, PutPerson, Assign, Unassign) that take effect at
// one instant. Batches are applied in effective-time order and the tree
// keeps every revision, so questions can be asked at any instant: which
// community did building B belong to on 2023-05-01? SplitChanges and
// MergeChanges plan the redistricting of communities and Diff lists what
// changed between two instants. A change that would create a cycle, orphan
// a node, break the level order or give two live nodes the same code is
// rejected with a *ChangeError and changes nothing.
//
// # Queries and roll-ups
//
// Tree answers history-aware queries (Node, ByCode, Parent, Ancestors,
// Path, AncestorAt, Subtree, Children, LCA, AtLevel, History). Tree.At
// returns an immutable View of one instant with dense indexes in preorder:
// a code lookup is one probe of a flat hash table, an ancestor walk is an
// index chase over a slice, and RollUp sums a per-node figure into every
// ancestor in one backward pass (a Beijing-scale tree of a million nodes in
// milliseconds; see the benchmarks). Fold does the same for any metric type,
// and Tree.Attribute counts events by the place as it was when they
// happened.
//
// # People and responsibility
//
// People are assigned to places in roles (GridWorker, BuildingSteward,
// CommunitySecretary...) for periods and kinds of Matter. Responsible walks
// up from a place to the nearest node with an accepted assignment and
// returns the answer with its path (a Responsibility).
//
// # Scan-to-report codes
//
// Each building or unit can carry a QR code (一楼一码) whose payload names its
// node and is signed with HMAC-SHA256 under a district's Key; keys rotate by
// key ID. Keyring.Verify rejects forged or altered payloads with a
// *PayloadError, and Tree.Scan also rejects places outside the key's
// district.
//
// # Persistence
//
// A Store persists the log of batches with optimistic concurrency and
// idempotent appends; MemStore is the in-memory default and gridtest holds
// the conformance suite every adapter runs. Service loads a Tree from a
// Store, applies new batches through it and answers queries safely under
// concurrency. ReadCSV/WriteCSV and ReadJSON/WriteJSON import and export
// places with their history.
package grid
