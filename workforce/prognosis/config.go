package prognosis

import (
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// ConfigReader reads a model from the JSON configuration format described
// in the package documentation.
type ConfigReader struct {
	// File is the file name put in front of error messages.
	File string

	r io.Reader
}

// NewConfigReader returns a reader that reads from r.
func NewConfigReader(r io.Reader) *ConfigReader { return &ConfigReader{r: r} }

// ReadConfig reads a model from a JSON configuration; see ConfigReader.
func ReadConfig(r io.Reader) (*Model, error) { return NewConfigReader(r).Read() }

// Read reads the whole input and validates the model. Its error is
// Errors, each fault with its line and column: JSON syntax, unknown or
// repeated keys, values of the wrong type, missing keys, and every fault
// Model.Validate finds. The model keeps the places, so that faults
// Project finds later are placed in the file too.
func (cr *ConfigReader) Read() (*Model, error) {
	data, err := io.ReadAll(cr.r)
	if err != nil {
		return nil, Errors{{File: cr.File, Err: errorf(ErrSyntax, "kan ikke lese filen: %v", err)}}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if e := syntaxError(data, cr.File); e != nil {
		return nil, Errors{e}
	}
	var fm fileModel
	places, errs := walk(data, cr.File, &fm)
	if len(errs) > 0 {
		return nil, errs
	}
	if err := json.Unmarshal(data, &fm); err != nil {
		// The walk has checked every type, so this is not expected.
		return nil, Errors{{File: cr.File, Err: errorf(ErrSyntax, "ugyldig JSON: %v", err)}}
	}
	m := &Model{file: cr.File, src: data, places: places}
	c := &converter{}
	c.model(&fm, m)
	if len(c.errs) > 0 {
		return nil, m.locate(c.errs)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// The file form of the model: Norwegian keys in ASCII, as in the HR
// extracts, and pointers where a missing key differs from zero.
type (
	fileModel struct {
		Basisar *int         `json:"basisar"`
		Sluttar int          `json:"sluttar"`
		Pensjon *filePension `json:"pensjon"`
		Omrader []fileArea   `json:"omrader"`
	}
	filePension struct {
		Alder        float64    `json:"alder"`
		TidligAvgang []fileRate `json:"tidlig_avgang"`
		Turnover     float64    `json:"turnover"`
	}
	fileRate struct {
		Fra   *int     `json:"fra"`
		Til   *int     `json:"til"`
		Andel *float64 `json:"andel"`
	}
	fileArea struct {
		ID            string       `json:"id"`
		Navn          string       `json:"navn"`
		Arsverk       float64      `json:"arsverk"`
		Brukergrupper []fileGroup  `json:"brukergrupper"`
		Arbeidsstyrke []fileCohort `json:"arbeidsstyrke"`
		Pensjon       *filePension `json:"pensjon"`
	}
	fileGroup struct {
		Navn         string   `json:"navn"`
		Fra          *int     `json:"fra"`
		Til          *int     `json:"til"`
		Brukere      *float64 `json:"brukere"`
		Dekningsgrad *float64 `json:"dekningsgrad"`
	}
	fileCohort struct {
		Alder    *int    `json:"alder"`
		Fra      *int    `json:"fra"`
		Til      *int    `json:"til"`
		Arsverk  float64 `json:"arsverk"`
		Personer float64 `json:"personer"`
	}
)

// converter turns the file form into a Model, with a fault for each key
// that is missing or that clashes with another.
type converter struct{ errs Errors }

func (c *converter) fail(path string, format string, args ...any) {
	c.errs = append(c.errs, &Error{Path: path, Err: errorf(ErrField, format, args...)})
}

func (c *converter) model(fm *fileModel, m *Model) {
	if fm.Basisar == nil {
		c.fail("", "nøkkelen «basisar» mangler")
	} else {
		m.BaseYear = *fm.Basisar
	}
	m.EndYear = fm.Sluttar
	if fm.Pensjon != nil {
		m.Retirement = c.pension(fm.Pensjon, "pensjon")
	}
	for i, fa := range fm.Omrader {
		path := "omrader[" + strconv.Itoa(i) + "]"
		a := &Area{ID: fa.ID, Name: fa.Navn, Arsverk: fa.Arsverk}
		for j, fg := range fa.Brukergrupper {
			p := path + ".brukergrupper[" + strconv.Itoa(j) + "]"
			g := Group{Name: fg.Navn, Band: c.band(fg.Fra, fg.Til, p, true)}
			switch {
			case fg.Brukere != nil && fg.Dekningsgrad != nil:
				c.fail(p, "oppgi enten «brukere» eller «dekningsgrad», ikke begge")
			case fg.Brukere != nil:
				g.Users = *fg.Brukere
			case fg.Dekningsgrad != nil:
				g.Coverage = *fg.Dekningsgrad
			default:
				c.fail(p, "nøkkelen «brukere» eller «dekningsgrad» mangler")
			}
			a.Groups = append(a.Groups, g)
		}
		for j, fc := range fa.Arbeidsstyrke {
			p := path + ".arbeidsstyrke[" + strconv.Itoa(j) + "]"
			co := Cohort{Arsverk: fc.Arsverk, Persons: fc.Personer}
			switch {
			case fc.Alder != nil && (fc.Fra != nil || fc.Til != nil):
				c.fail(p, "oppgi enten «alder» eller «fra» og «til», ikke begge")
			case fc.Alder != nil:
				co.Band = Band{*fc.Alder, *fc.Alder}
			default:
				co.Band = c.band(fc.Fra, fc.Til, p, false)
			}
			a.Workforce = append(a.Workforce, co)
		}
		if fa.Pensjon != nil {
			r := c.pension(fa.Pensjon, path+".pensjon")
			a.Retirement = &r
		}
		m.Areas = append(m.Areas, a)
	}
}

func (c *converter) pension(fp *filePension, path string) Retirement {
	r := Retirement{Age: fp.Alder, Turnover: fp.Turnover}
	for i, fr := range fp.TidligAvgang {
		p := path + ".tidlig_avgang[" + strconv.Itoa(i) + "]"
		e := Rate{Band: c.band(fr.Fra, fr.Til, p, true)}
		if fr.Andel == nil {
			c.fail(p, "nøkkelen «andel» mangler")
		} else {
			e.Share = *fr.Andel
		}
		r.Early = append(r.Early, e)
	}
	return r
}

// band reads "fra" and "til"; without "til" the band is open when open
// is allowed.
func (c *converter) band(from, to *int, path string, open bool) Band {
	b := Band{To: AndOlder}
	if from == nil {
		c.fail(path, "nøkkelen «fra» mangler")
	} else {
		b.From = *from
	}
	switch {
	case to != nil && *to < 0:
		c.errs = append(c.errs, &Error{Path: path, Err: errorf(ErrValue, "til-alderen %d er negativ", *to)})
	case to != nil:
		b.To = *to
	case !open:
		c.fail(path, "nøkkelen «til» mangler")
	}
	return b
}
