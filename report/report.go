package report

import (
	"html/template"
	"time"
)

// Document is a built report: chapters as HTML, and the tables as data for
// the XLSX export. Write it with WriteHTML and WriteXLSX.
type Document struct {
	Meta Meta
	// Title and Subtitle come from rapport.json.
	Title, Subtitle string
	// Published is the publication date; zero when rapport.json has none.
	Published time.Time
	Chapters  []*Chapter
	// Tables are every table of the report in document order.
	Tables []*Table
	// Outline lists every heading in document order, for tables of
	// contents.
	Outline []Heading
	// Warnings are things a reader of the report would miss, such as a
	// table row or a chart without data, placed like errors:
	// "06-medarbeidere.md:88: …". They do not stop the build.
	Warnings []string
}

// Chapter is one chapter: one Markdown file of the folder.
type Chapter struct {
	// ID is the id of the chapter's heading, unique in the document.
	ID string
	// Title is the text of the chapter's one level-1 heading.
	Title string
	// File is the chapter's file name in the folder.
	File string
	// HTML is the chapter's content. Headings are one level down from
	// the Markdown (# becomes <h2>), so that the report's title is the
	// document's only <h1>; each has its id.
	HTML template.HTML
}

// Heading is an entry of the outline.
type Heading struct {
	// Level is the Markdown level: 1 for a chapter, 2 for its sections …
	Level int
	// ID is the heading's element id.
	ID    string
	Title string
	// Chapter is the ID of the chapter the heading is in.
	Chapter string
}
