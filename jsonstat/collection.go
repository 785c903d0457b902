package jsonstat

import "encoding/json"

// Link is one entry of a "link" relation: a reference to another
// resource, described by its class, href, label and media type.
type Link struct {
	// Class is "dataset", "collection" or "dimension" when the link points
	// to (or embeds) a JSON-stat resource; empty otherwise.
	Class Class
	// Href is the URL of the linked resource.
	Href string
	// Label is the human-readable name of the linked resource.
	Label string
	// Type is the media type of a non-JSON-stat resource, such as "text/csv".
	Type string
	// Note holds notes about the linked resource, if given.
	Note []string
	// Source names the producer of the linked resource, if given.
	Source string
	// Updated is the "updated" timestamp of the linked resource, if given.
	Updated string
	// Extension is the link's raw "extension" object, which SSB uses for
	// KLASS classification URNs.
	Extension json.RawMessage
}

// Collection is a decoded document of class "collection": a list of items
// that reference, or embed, datasets, dimensions and other collections.
type Collection struct {
	// Version is the "version" member ("2.0"); empty when nested.
	Version string
	// Href is the collection's "href" member, if any.
	Href string
	// Label is the collection's title.
	Label string
	// Source names the producer of the collection.
	Source string
	// Updated is the "updated" timestamp of the collection.
	Updated string
	// Note holds the collection-level notes.
	Note []string
	// Extension is the raw "extension" object.
	Extension json.RawMessage
	// Error is the raw "error" array, if any.
	Error json.RawMessage
	// Link maps link relations to their links, including "item".
	Link map[string][]Link
	// Items holds the entries of link.item in order.
	Items []*Item
}

// Item is one entry of a collection's link.item. It always carries the
// link; when the entry embeds its resource (as oecd-canada-col.json
// embeds two whole datasets), exactly one of Dataset, Collection and
// Dimension is set.
type Item struct {
	// Link describes the item: its class, href, label and so on.
	Link
	// Dataset is the embedded dataset, if any.
	Dataset *Dataset
	// Collection is the embedded nested collection, if any. It is nil
	// for collections beyond Decoder.MaxDepth, which are reported with
	// RECURSION_LIMIT instead of being decoded.
	Collection *Collection
	// Dimension is the embedded dimension, if any.
	Dimension *Dimension
}

// Datasets returns the embedded datasets of the collection and, depth
// first, of its nested collections.
func (c *Collection) Datasets() []*Dataset {
	var out []*Dataset
	for _, it := range c.Items {
		switch {
		case it.Dataset != nil:
			out = append(out, it.Dataset)
		case it.Collection != nil:
			out = append(out, it.Collection.Datasets()...)
		}
	}
	return out
}

// parseLinks decodes a "link" object: relation → array of link objects.
func (p *parser) parseLinks(raw []byte, path string) map[string][]Link {
	if !p.object(raw, path) {
		return nil
	}
	out := make(map[string][]Link)
	p.eachMember(raw, func(k, v []byte) bool {
		rel := unescapeKey(k)
		rpath := joinKey(path, rel)
		if kindOf(v) != kindArray {
			p.wrongType(rpath, "an array of link objects", v)
			return true
		}
		var links []Link
		p.eachElem(v, func(i int, e []byte) bool {
			if l, ok := p.parseLink(e, joinIndex(rpath, i)); ok {
				links = append(links, l)
			}
			return true
		})
		out[rel] = links
		return true
	})
	return out
}

// parseLink decodes the descriptive members of one link object. Embedded
// content is left to the collection walker, which knows the nesting depth.
func (p *parser) parseLink(raw []byte, path string) (Link, bool) {
	if !p.object(raw, path) {
		return Link{}, false
	}
	// The link object itself is not kept raw: for a collection item it
	// may embed a whole dataset, which would then be held twice.
	var l Link
	p.eachMember(raw, func(k, v []byte) bool {
		key := unescapeKey(k)
		fpath := joinKey(path, key)
		switch key {
		case "class":
			if c, ok := p.str(v, fpath); ok {
				switch Class(c) {
				case ClassDataset, ClassCollection, ClassDimension:
					l.Class = Class(c)
				default:
					p.structural(fpath, "link class must be \"dataset\", \"collection\" or \"dimension\", found %q", c)
				}
			}
		case "href":
			l.Href, _ = p.str(v, fpath)
		case "label":
			l.Label, _ = p.str(v, fpath)
		case "type":
			l.Type, _ = p.str(v, fpath)
		case "source":
			l.Source, _ = p.str(v, fpath)
		case "updated":
			l.Updated, _ = p.str(v, fpath)
		case "note":
			l.Note, _ = p.strArray(v, fpath, false)
		case "extension":
			if p.object(v, fpath) {
				l.Extension = rawCopy(v)
			}
		}
		return true
	})
	return l, true
}

// parseCollection decodes a collection object. depth is 0 for the
// document root and grows by one for each nested collection.
func (p *parser) parseCollection(raw []byte, path string, depth int, top bool) *Collection {
	if !p.object(raw, path) {
		return nil
	}
	c := &Collection{}
	var m meta
	var versionRaw, classRaw, linkRaw []byte
	for _, f := range p.fields(raw, path) {
		switch f.key {
		case "version":
			versionRaw = f.raw
		case "class":
			classRaw = f.raw
		case "link":
			linkRaw = f.raw
			m.Link = p.parseLinks(f.raw, joinKey(path, "link"))
		default:
			p.metaField(&m, f.key, f.raw, path)
		}
	}
	c.Version = p.checkVersion(versionRaw, path, top)
	if classRaw != nil {
		if s, ok := p.str(classRaw, joinKey(path, "class")); ok && s != string(ClassCollection) {
			p.structural(joinKey(path, "class"), "class must be \"collection\" here, found %q", s)
		}
	}
	c.Href, c.Label, c.Source, c.Updated = m.Href, m.Label, m.Source, m.Updated
	c.Note, c.Extension, c.Error, c.Link = m.Note, m.Extension, m.Error, m.Link
	if linkRaw == nil {
		p.structural(joinKey(path, "link"), "required member link is missing; a collection lists its items in link.item")
		return c
	}
	items := p.lookup(linkRaw, "item")
	if items == nil {
		p.structural(joinKey(joinKey(path, "link"), "item"), "required member link.item is missing; it lists the items of the collection")
		return c
	}
	ipath := joinKey(joinKey(path, "link"), "item")
	// parseLinks has decoded (and reported on) every object element of
	// link.item in order, so the k-th object element is links[k].
	links := c.Link["item"]
	k := 0
	p.eachElem(items, func(i int, e []byte) bool {
		if kindOf(e) != kindObject || k >= len(links) {
			return true
		}
		it := &Item{Link: links[k]}
		k++
		p.embed(it, e, joinIndex(ipath, i), depth)
		c.Items = append(c.Items, it)
		return true
	})
	return c
}

// embed decodes the content of a collection item when the item embeds its
// resource rather than just linking to it.
func (p *parser) embed(it *Item, raw []byte, path string, depth int) {
	has := func(key string) bool { return p.lookup(raw, key) != nil }
	switch it.Class {
	case ClassDataset:
		if has("value") || has("dimension") || has("id") {
			it.Dataset = p.parseDataset(raw, path, dsContext{})
		}
	case ClassDimension:
		if has("category") {
			it.Dimension = p.parseDimension(raw, path, "", -1, true, false)
		}
	case ClassCollection:
		if !has("link") {
			return
		}
		if depth+1 > p.maxDepth {
			p.report(CodeRecursionLimit, path, "collection nested %d levels deep exceeds the depth limit of %d (Decoder.MaxDepth); its items were not checked", depth+1, p.maxDepth)
			return
		}
		it.Collection = p.parseCollection(raw, path, depth+1, false)
	}
}
