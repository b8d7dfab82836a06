package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strconv"
)

// Text is a GeoReport string field. It encodes as a JSON string and decodes
// tolerantly: published endpoints write identifiers and codes as strings,
// as bare numbers (the specification's own examples write
// "service_request_id":638344) or as null, and Text accepts all three.
type Text string

// UnmarshalJSON accepts a string, a number (kept as written) or null.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*t = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = Text(s)
		return nil
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*t = Text(b)
		return nil
	case bytes.Equal(b, []byte("true")) || bytes.Equal(b, []byte("false")):
		*t = Text(b)
		return nil
	}
	return fmt.Errorf("open311: %s is not a string or number", b)
}

// Flag is a GeoReport boolean ("metadata", "required", "variable"). It
// decodes true/false, "true"/"false" and 1/0, as endpoints write all of
// them.
type Flag bool

// UnmarshalJSON accepts a boolean, a quoted boolean, 0/1 or null.
func (f *Flag) UnmarshalJSON(b []byte) error {
	s := string(bytes.Trim(bytes.TrimSpace(b), `"`))
	switch s {
	case "true", "1", "True", "TRUE":
		*f = true
	case "false", "0", "False", "FALSE", "null", "":
		*f = false
	default:
		return fmt.Errorf("open311: %s is not a boolean", b)
	}
	return nil
}

// UnmarshalXML accepts the same spellings as UnmarshalJSON.
func (f *Flag) UnmarshalXML(d *xml.Decoder, start xml.StartElement) error {
	var s string
	if err := d.DecodeElement(&s, &start); err != nil {
		return err
	}
	return f.UnmarshalJSON([]byte(strconv.Quote(s)))
}

// Discovery is the service discovery document (GET /discovery).
type Discovery struct {
	XMLName    xml.Name   `json:"-" xml:"discovery"`
	Changeset  string     `json:"changeset" xml:"changeset"`
	Contact    string     `json:"contact" xml:"contact"`
	KeyService string     `json:"key_service" xml:"key_service"`
	Endpoints  []Endpoint `json:"endpoints" xml:"endpoints>endpoint"`
}

// Endpoint is one API endpoint listed by discovery.
type Endpoint struct {
	Specification string   `json:"specification" xml:"specification"`
	URL           string   `json:"url" xml:"url"`
	Changeset     string   `json:"changeset" xml:"changeset"`
	Type          string   `json:"type" xml:"type"` // production, test
	Formats       []string `json:"formats" xml:"formats>format"`
}

// Service is one entry of GET /services: a request type residents can
// report, here a ticket category.
type Service struct {
	Code        Text   `json:"service_code" xml:"service_code"`
	Name        string `json:"service_name" xml:"service_name"`
	Description string `json:"description" xml:"description"`
	// Metadata is true when the service has a definition with attributes
	// (GET /services/{code}).
	Metadata Flag   `json:"metadata" xml:"metadata"`
	Type     string `json:"type" xml:"type"` // realtime, batch or blackbox
	Keywords string `json:"keywords,omitempty" xml:"keywords,omitempty"`
	Group    string `json:"group,omitempty" xml:"group,omitempty"`
}

// ServiceDefinition is GET /services/{code}: the questions a request of
// this service must or may answer.
type ServiceDefinition struct {
	XMLName    xml.Name       `json:"-" xml:"service_definition"`
	Code       Text           `json:"service_code" xml:"service_code"`
	Attributes []AttributeDef `json:"attributes" xml:"attributes>attribute"`
}

// Datatypes of a service attribute.
const (
	String          = "string"
	Number          = "number"
	Datetime        = "datetime"
	TextType        = "text"
	SingleValueList = "singlevaluelist"
	MultiValueList  = "multivaluelist"
)

// AttributeDef is one question of a service definition.
type AttributeDef struct {
	// Variable is false for an informational attribute that takes no
	// answer.
	Variable            Flag   `json:"variable" xml:"variable"`
	Code                Text   `json:"code" xml:"code"`
	Datatype            string `json:"datatype" xml:"datatype"`
	Required            Flag   `json:"required" xml:"required"`
	DatatypeDescription string `json:"datatype_description" xml:"datatype_description"`
	Order               int    `json:"order" xml:"order"`
	Description         string `json:"description" xml:"description"`
	// Values are the choices of a singlevaluelist or multivaluelist.
	Values []Value `json:"values,omitempty" xml:"values>value,omitempty"`
}

// Value is one choice of a list attribute.
type Value struct {
	Key  Text   `json:"key" xml:"key"`
	Name string `json:"name" xml:"name"`
}

// ServiceRequest is one request as GET /requests and GET /requests/{id}
// return it. Datetimes are W3C date-times with their offset; Lat and Long
// are WGS84.
type ServiceRequest struct {
	ID                Text     `json:"service_request_id" xml:"service_request_id"`
	Status            string   `json:"status" xml:"status"` // open or closed
	StatusNotes       string   `json:"status_notes,omitempty" xml:"status_notes,omitempty"`
	ServiceName       string   `json:"service_name,omitempty" xml:"service_name,omitempty"`
	ServiceCode       Text     `json:"service_code" xml:"service_code"`
	Description       string   `json:"description,omitempty" xml:"description,omitempty"`
	AgencyResponsible string   `json:"agency_responsible,omitempty" xml:"agency_responsible,omitempty"`
	ServiceNotice     string   `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
	Requested         string   `json:"requested_datetime,omitempty" xml:"requested_datetime,omitempty"`
	Updated           string   `json:"updated_datetime,omitempty" xml:"updated_datetime,omitempty"`
	Expected          string   `json:"expected_datetime,omitempty" xml:"expected_datetime,omitempty"`
	Address           string   `json:"address,omitempty" xml:"address,omitempty"`
	AddressID         Text     `json:"address_id,omitempty" xml:"address_id,omitempty"`
	Zipcode           Text     `json:"zipcode,omitempty" xml:"zipcode,omitempty"`
	Lat               *float64 `json:"lat,omitempty" xml:"lat,omitempty"`
	Long              *float64 `json:"long,omitempty" xml:"long,omitempty"`
	MediaURL          string   `json:"media_url,omitempty" xml:"media_url,omitempty"`
}

// Created is the answer to POST /requests: the new request's id, or a
// token to exchange for it later (GET /tokens/{token}), and what the city
// says happens next. ExpectedDatetime is an extension of this server: the
// SLA deadline, as GET /requests reports it.
type Created struct {
	ID            Text   `json:"service_request_id,omitempty" xml:"service_request_id,omitempty"`
	Token         Text   `json:"token,omitempty" xml:"token,omitempty"`
	ServiceNotice string `json:"service_notice,omitempty" xml:"service_notice,omitempty"`
	AccountID     Text   `json:"account_id,omitempty" xml:"account_id,omitempty"`
	Expected      string `json:"expected_datetime,omitempty" xml:"expected_datetime,omitempty"`
}

// TokenAnswer is the answer to GET /tokens/{token}.
type TokenAnswer struct {
	ID    Text `json:"service_request_id" xml:"service_request_id"`
	Token Text `json:"token" xml:"token"`
}

// APIError is one entry of the GeoReport error format: an HTTP status code
// and a description.
type APIError struct {
	Code        int    `json:"code" xml:"code"`
	Description string `json:"description" xml:"description"`
}

// Error implements the error interface.
func (e APIError) Error() string { return fmt.Sprintf("open311: %d %s", e.Code, e.Description) }

// The XML documents wrap lists in a root element.
type (
	xmlServices struct {
		XMLName  xml.Name  `xml:"services"`
		Services []Service `xml:"service"`
	}
	xmlRequests struct {
		XMLName  xml.Name         `xml:"service_requests"`
		Requests []ServiceRequest `xml:"request"`
	}
	xmlCreated struct {
		XMLName  xml.Name  `xml:"service_requests"`
		Requests []Created `xml:"request"`
	}
	xmlTokens struct {
		XMLName  xml.Name      `xml:"service_requests"`
		Requests []TokenAnswer `xml:"request"`
	}
	xmlErrors struct {
		XMLName xml.Name   `xml:"errors"`
		Errors  []APIError `xml:"error"`
	}
)
