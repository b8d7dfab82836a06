package open311

// SetMaxPlaceFilter lowers the number of places of a jurisdiction that h
// passes to the store as ticket.Filter.Places, so that tests reach the
// ticket-by-ticket check of wider ones.
func SetMaxPlaceFilter(h *Handler, n int) { h.maxPlaces = n }
