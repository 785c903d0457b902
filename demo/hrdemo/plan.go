package hrdemo

// years are the years of the three year-end extracts; index y of every
// [3] array below is years[y].
var years = [3]int{2016, 2017, 2018}

// Units of the demo catalogue that the extract uses besides the six
// chapter 6 areas: Oppvekst barnehage is split into two kindergarten
// districts, with the area's administration and (from 2018) the services
// moved in from Barn og unge directly under the area.
const (
	Vest = "barnehage_vest"
	Ost  = "barnehage_ost"
)

// Indices of the areas in plans.
const (
	skole = iota
	barnehage
	pleie
	helse
	tekniske
	ovrige
)

// moversToBarnehage are permanent staff of Øvrige områder at the end of
// 2017 who belong to Oppvekst barnehage at the end of 2018, when the area
// Barn og unge was wound up and barnevern and the health services for
// children moved to Oppvekst barnehage (seed §6.1, §6.1.3). They are not
// leavers: turnover counts those with no permanent employment anywhere.
const moversToBarnehage = 80

// bothBarnehageMen is how many of the 9 minority men of Oppvekst
// barnehage in 2017 (all in Ost) are still there in 2018; the 3 others of
// 2018 are new in Vest, a cell of 1–4 persons that disclosure control
// must suppress.
const bothBarnehageMen = 5

// plan is what the generator builds one area's persons to. Counts of
// persons and sums of stilling_pst (hundredths of an årsverk) are exact;
// shares only guide the attributes of persons no printed figure fixes.
type plan struct {
	id     string
	men    float64 // share of men, outside the permanent staff of 2018
	fast   [3]int  // permanent persons at each year end
	full   [3]int  // of them with 100 %
	near   [3]int  // of them with 80–99 %
	fte    [3]int  // Σ stilling_pst of permanent employments
	temp   [3]int  // temporary persons, apprentices not included
	tfte   [3]int  // Σ stilling_pst of temporary employments, apprentices included
	hour   [3]int  // persons paid by the hour only
	exFast int     // of hour[2]: permanent until 2018, now paid by the hour
	leave  [2]int  // leavers of 2017 and 2018 (turnover's numerator)
	short  int     // of leave[1]: hired in 2017
	men18  int     // permanent men of 2018
	// Minority background (innvandrer=ja) among the monthly paid: men,
	// women and Σ stilling_pst. 2016 is not printed and only aimed at.
	minMen, minWomen [3]int
	minFTE           [2]int // 2017, 2018
	edu18            [3]int // ufaglært, fagarbeider, høyskole among the permanent of 2018
	hireEdu          [3]float64
	leaveEdu         [3]float64
	app              [4]int // apprentices starting in August 2015, 2016, 2017, 2018
	// Sick leave in % (total, short-term) for December 2016, 2017 and 2018.
	// Zero is worked out so that Bærum's printed rate holds.
	sick [3][2]float64
}

// plans are the six chapter 6 areas. The monthly-paid årsverk (fte +
// tfte) lie inside the intervals the printed minority shares allow:
// 2017 2 205 / 939 / 2 014 / 659 / 677 / 1 023 = 7 517, 2018 2 190 /
// 1 218 / 2 082 / 740 / 717 / 1 045 = 7 992 (of them 7 524 permanent).
var plans = [6]plan{
	skole: {id: "oppvekst_skole", men: 0.30,
		fast: [3]int{2420, 2440, 2380}, full: [3]int{1624, 1637, 1606}, near: [3]int{295, 300, 400},
		fte: [3]int{205500, 207000, 206000}, temp: [3]int{186, 192, 186}, tfte: [3]int{13000, 13500, 13000},
		hour: [3]int{480, 490, 500}, exFast: 15, leave: [2]int{194, 207}, short: 25, men18: 714,
		minMen: [3]int{58, 59, 62}, minWomen: [3]int{153, 156, 138}, minFTE: [2]int{13454, 12620},
		edu18: [3]int{238, 150, 1992}, hireEdu: [3]float64{0.08, 0.05, 0.87}, leaveEdu: [3]float64{0.14, 0.08, 0.78},
		app:  [4]int{4, 5, 5, 4},
		sick: [3][2]float64{{0, 2.8}, {0, 2.4}, {5.7, 2.2}}},
	barnehage: {id: "oppvekst_barnehage", men: 0.12,
		fast: [3]int{1050, 1060, 1331}, full: [3]int{670, 676, 882}, near: [3]int{150, 150, 220},
		fte: [3]int{86800, 87900, 113800}, temp: [3]int{69, 75, 105}, tfte: [3]int{5500, 6000, 8000},
		hour: [3]int{380, 390, 400}, leave: [2]int{114, 135}, short: 20, men18: 160,
		minMen: [3]int{9, 9, 8}, minWomen: [3]int{86, 90, 95}, minFTE: [2]int{9580, 9720},
		edu18: [3]int{430, 330, 571}, hireEdu: [3]float64{0.12, 0.30, 0.58}, leaveEdu: [3]float64{0.40, 0.25, 0.35},
		app:  [4]int{5, 5, 6, 6},
		sick: [3][2]float64{{8.7, 3.3}, {8.1, 2.9}, {8.1, 3.0}}},
	pleie: {id: "pleie_omsorg", men: 0.20,
		fast: [3]int{3120, 3180, 3300}, full: [3]int{937, 964, 1130}, near: [3]int{330, 340, 300},
		fte: [3]int{187000, 189900, 196200}, temp: [3]int{120, 122, 131}, tfte: [3]int{11000, 11500, 12000},
		hour: [3]int{1150, 1200, 1250}, exFast: 25, leave: [2]int{281, 318}, short: 50, men18: 660,
		minMen: [3]int{212, 219, 239}, minWomen: [3]int{622, 638, 654}, minFTE: [2]int{64261, 65940},
		edu18: [3]int{782, 1150, 1368}, hireEdu: [3]float64{0.18, 0.30, 0.52}, leaveEdu: [3]float64{0.30, 0.40, 0.30},
		app:  [4]int{15, 17, 19, 16},
		sick: [3][2]float64{{10.4, 3.3}, {9.8, 2.9}, {9.0, 2.8}}},
	helse: {id: "helse_sosial", men: 0.30,
		fast: [3]int{820, 830, 900}, full: [3]int{411, 416, 518}, near: [3]int{118, 120, 110},
		fte: [3]int{61200, 61900, 69500}, temp: [3]int{46, 48, 55}, tfte: [3]int{3800, 4000, 4500},
		hour: [3]int{190, 195, 200}, exFast: 5, leave: [2]int{70, 75}, short: 10, men18: 270,
		minMen: [3]int{33, 34, 37}, minWomen: [3]int{40, 41, 46}, minFTE: [2]int{6197, 6790},
		edu18: [3]int{90, 150, 660}, hireEdu: [3]float64{0.08, 0.12, 0.80}, leaveEdu: [3]float64{0.12, 0.18, 0.70},
		app:  [4]int{4, 4, 5, 4},
		sick: [3][2]float64{{8.6, 3.0}, {8.0, 2.7}, {8.0, 2.7}}},
	tekniske: {id: "tekniske_tjenester", men: 0.75,
		fast: [3]int{715, 720, 736}, full: [3]int{516, 520, 604}, near: [3]int{100, 100, 60},
		fte: [3]int{63200, 63700, 67700}, temp: [3]int{40, 42, 42}, tfte: [3]int{3800, 4000, 4000},
		hour: [3]int{75, 78, 80}, leave: [2]int{51, 73}, short: 8, men18: 552,
		minMen: [3]int{42, 43, 42}, minWomen: [3]int{25, 26, 27}, minFTE: [2]int{5960, 5860},
		edu18: [3]int{150, 260, 326}, hireEdu: [3]float64{0.15, 0.35, 0.50}, leaveEdu: [3]float64{0.25, 0.40, 0.35},
		app:  [4]int{6, 6, 7, 6},
		sick: [3][2]float64{{6.6, 2.7}, {6.0, 2.3}, {0, 0}}},
	ovrige: {id: "ovrige", men: 0.455,
		fast: [3]int{1165, 1170, 1160}, full: [3]int{766, 769, 850}, near: [3]int{120, 120, 87},
		fte: [3]int{96600, 97300, 99200}, temp: [3]int{62, 60, 66}, tfte: [3]int{4900, 5000, 5300},
		hour: [3]int{325, 330, 336}, exFast: 5, leave: [2]int{117, 85}, short: 12, men18: 528,
		minMen: [3]int{18, 18, 19}, minWomen: [3]int{64, 66, 69}, minFTE: [2]int{5834, 6130},
		edu18: [3]int{124, 166, 870}, hireEdu: [3]float64{0.08, 0.12, 0.80}, leaveEdu: [3]float64{0.14, 0.16, 0.70},
		app:  [4]int{4, 5, 6, 4},
		sick: [3][2]float64{{6.8, 2.8}, {6.2, 2.4}, {0, 0}}},
}

// Bærum's printed figures that are sums over the areas and that the
// generator aims the areas at: average ages (as sums of ages over the
// persons counted), the sick-leave rates of 2017 and 2018 and the
// short-term rate of 2018.
const (
	ageSum2016  = 418979 // 45,1 × 9 290 permanent
	ageSumMen   = 126031 // 43,7 × 2 884
	ageSumWomen = 314304 // 45,4 × 6 923
	sick2017    = 7.5
	sick2018    = 7.3
	short2018   = 2.6
	// barnehageUnskilled2017 makes andel_faglaerte 59,0 % of 1 060.
	barnehageUnskilled2017 = 435
	// gapOvrige is how much higher Øvrige's sick leave of 2018 is than
	// Tekniske tjenester', both worked out from Bærum's 7,3 %.
	gapOvrige = 0.1
)
