// Package grid models the city's hierarchy of places (网格化管理) and the
// people responsible for them.
package grid
