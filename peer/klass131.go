package peer

// KLASS131 returns the changes of SSB's municipality classification (Klass
// 131) that concern the ASSS members and the mergers of Asker (with Røyken
// and Hurum) and Lillestrøm (Skedsmo, Fet and Sørum). It is not the whole
// register: load that with ReadKlassChanges from
// https://data.ssb.no/api/klass/v1/classifications/131/changes.
//
// Parts of a merger that kept their number list themselves (Stavanger
// 1103 → 1103), so that the merger names every part. Forsand (1129) was
// divided in 2020; most of it, and all listed here, went to Sandnes.
func KLASS131() []Change {
	return []Change{
		// Trøndelag 2018: new county numbers.
		{"1601", "Trondheim", "5001", "Trondheim", 2018},
		{"1662", "Klæbu", "5030", "Klæbu", 2018},
		// The municipal and regional reform of 2020.
		{"1201", "Bergen", "4601", "Bergen", 2020},
		{"0219", "Bærum", "3024", "Bærum", 2020},
		{"0602", "Drammen", "3005", "Drammen", 2020},
		{"0625", "Nedre Eiker", "3005", "Drammen", 2020},
		{"0711", "Svelvik", "3005", "Drammen", 2020},
		{"0106", "Fredrikstad", "3004", "Fredrikstad", 2020},
		{"1001", "Kristiansand", "4204", "Kristiansand", 2020},
		{"1017", "Songdalen", "4204", "Kristiansand", 2020},
		{"1018", "Søgne", "4204", "Kristiansand", 2020},
		{"1102", "Sandnes", "1108", "Sandnes", 2020},
		{"1129", "Forsand", "1108", "Sandnes", 2020},
		{"1103", "Stavanger", "1103", "Stavanger", 2020},
		{"1141", "Finnøy", "1103", "Stavanger", 2020},
		{"1142", "Rennesøy", "1103", "Stavanger", 2020},
		{"5001", "Trondheim", "5001", "Trondheim", 2020},
		{"5030", "Klæbu", "5001", "Trondheim", 2020},
		{"1902", "Tromsø", "5401", "Tromsø", 2020},
		{"0220", "Asker", "3025", "Asker", 2020},
		{"0627", "Røyken", "3025", "Asker", 2020},
		{"0628", "Hurum", "3025", "Asker", 2020},
		{"0231", "Skedsmo", "3030", "Lillestrøm", 2020},
		{"0227", "Fet", "3030", "Lillestrøm", 2020},
		{"0226", "Sørum", "3030", "Lillestrøm", 2020},
		// The division of Viken, Troms og Finnmark in 2024.
		{"3024", "Bærum", "3201", "Bærum", 2024},
		{"3025", "Asker", "3203", "Asker", 2024},
		{"3030", "Lillestrøm", "3205", "Lillestrøm", 2024},
		{"3005", "Drammen", "3301", "Drammen", 2024},
		{"3004", "Fredrikstad", "3107", "Fredrikstad", 2024},
		{"5401", "Tromsø", "5501", "Tromsø", 2024},
	}
}
