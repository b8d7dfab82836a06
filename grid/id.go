package grid

// ID identifies a node of the grid (a district, a community, a building...)
// independently of its code. Codes may change in a redistricting and may be
// reused after a node is retired; IDs never change and are never reused.
//
// Other packages (ticket, agenda, project) refer to places by ID.
type ID string
