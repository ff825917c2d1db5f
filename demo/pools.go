package demo

// Name pools: about a quarter of the names carry accents or letters outside ASCII,
// as a Massachusetts roster does (Spanish, Portuguese, Vietnamese, Irish names).
var firstNames = []string{
	"Michael", "Mary", "James", "Patricia", "John", "Jennifer", "Robert", "Linda", "David", "Elizabeth",
	"Sarah", "Kevin", "Brian", "Emily", "Jessica", "Daniel", "Matthew", "Nicole", "Kathleen", "Maureen",
	"Patrick", "Sean", "Aisha", "Jamal", "Keisha", "Wei", "Mei", "Priya", "Arjun", "Anh", "Minh", "Kwame",
	"Fatima", "Mohammed", "Yusuf", "Ana", "Carlos", "Luis", "Rosa", "Manuel", "Fernanda", "Gabriel", "Lucas",
	"Emma", "Olivia", "Liam", "Noah", "Sophia", "Isabella", "Margaret", "Joseph", "Thomas", "Susan",
	"José", "María", "Conceição", "João", "Inês", "Thảo", "Phương", "Hương", "Tuấn", "Đức", "Zoë", "Chloé",
	"Renée", "François", "Siobhán", "Seán", "Raúl", "Sofía", "Lucía", "Ángel", "Héctor", "Jesús", "André",
	"Mónica", "Guerline", "Wideline", "Jean-Baptiste", "Marie-Ange", "Nadège", "Ricardo", "Thiago", "Letícia",
}

var lastNames = []string{
	"Sullivan", "Murphy", "Kelly", "Walsh", "McCarthy", "O'Brien", "O'Connor", "Doherty", "Fitzgerald",
	"Kennedy", "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
	"Taylor", "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen",
	"King", "Wright", "Scott", "Green", "Baker", "Adams", "Torres", "Rivera", "Cohen", "Levine", "Chen",
	"Wang", "Li", "Zhang", "Patel", "Shah", "Singh", "Kim", "Park", "Lee", "da Silva", "de la Cruz",
	"Santos", "Pereira", "Medeiros", "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Gonçalves",
	"Gómez", "Hernández", "Rodríguez", "Martínez", "Peña", "Muñoz", "Núñez", "Ramírez", "Díaz", "Pérez",
	"Fernández", "Sánchez", "López", "García", "Álvarez", "Simões", "Araújo", "Magalhães", "Jean-Louis",
	"Pierre", "Baptiste", "Désir", "Joseph", "St. Fleur", "Ó Briain", "Ní Bhriain",
}

// place is a town with its county (whose districts it is in: see placeDistricts),
// its zips and phone area codes.
type place struct {
	town, county string
	zips         []string
	areas        []string
}

var places = []place{
	{"Boston", "Suffolk", []string{"02108", "02111", "02115", "02116", "02118", "02127", "02134"}, []string{"617", "857"}},
	{"Dorchester", "Suffolk", []string{"02121", "02122", "02124", "02125"}, []string{"617", "857"}},
	{"Jamaica Plain", "Suffolk", []string{"02130"}, []string{"617"}},
	{"East Boston", "Suffolk", []string{"02128"}, []string{"617", "857"}},
	{"Chelsea", "Suffolk", []string{"02150"}, []string{"617", "857"}},
	{"Cambridge", "Middlesex", []string{"02138", "02139", "02140", "02141"}, []string{"617", "857"}},
	{"Somerville", "Middlesex", []string{"02143", "02144", "02145"}, []string{"617", "857"}},
	{"Everett", "Middlesex", []string{"02149"}, []string{"617", "857"}},
	{"Framingham", "Middlesex", []string{"01701", "01702"}, []string{"508", "774"}},
	{"Worcester", "Worcester", []string{"01602", "01603", "01604", "01605", "01610"}, []string{"508", "774"}},
	{"Lowell", "Middlesex", []string{"01850", "01851", "01852", "01854"}, []string{"978", "351"}},
	{"Lawrence", "Essex", []string{"01840", "01841", "01843"}, []string{"978", "351"}},
	{"Brockton", "Plymouth", []string{"02301", "02302"}, []string{"508", "774"}},
	{"New Bedford", "Bristol", []string{"02740", "02744", "02745", "02746"}, []string{"508", "774"}},
	{"Fall River", "Bristol", []string{"02720", "02721", "02723", "02724"}, []string{"508", "774"}},
	{"Springfield", "Hampden", []string{"01103", "01104", "01105", "01107", "01109"}, []string{"413"}},
	{"Holyoke", "Hampden", []string{"01040"}, []string{"413"}},
	{"Northampton", "Hampshire", []string{"01060"}, []string{"413"}},
	{"Quincy", "Norfolk", []string{"02169", "02170", "02171"}, []string{"617", "857"}},
	{"Lynn", "Essex", []string{"01901", "01902", "01904", "01905"}, []string{"781", "339"}},
	{"Malden", "Middlesex", []string{"02148"}, []string{"781", "339"}},
	{"Medford", "Middlesex", []string{"02155"}, []string{"781", "339"}},
	{"Newton", "Middlesex", []string{"02458", "02459", "02460", "02465"}, []string{"617", "857"}},
	{"Brookline", "Norfolk", []string{"02445", "02446"}, []string{"617", "857"}},
	{"Salem", "Essex", []string{"01970"}, []string{"978", "351"}},
	{"Pittsfield", "Berkshire", []string{"01201"}, []string{"413"}},
	{"Amherst", "Hampshire", []string{"01002"}, []string{"413"}},
	{"Plymouth", "Plymouth", []string{"02360"}, []string{"508", "774"}},
}

var streets = []string{"Main St", "Washington St", "Centre St", "Elm St", "Pleasant St", "Highland Ave",
	"School St", "Union St", "Broadway", "Maple Ave", "Summer St", "Chestnut St", "Oak St", "Park St",
	"Dorchester Ave", "Blue Hill Ave", "Mass Ave", "Beacon St", "Prospect St", "Water St"}

// counties name the made-up legislature's districts the Massachusetts way.
var counties = []string{"Suffolk", "Middlesex", "Essex", "Worcester", "Hampden", "Bristol", "Plymouth",
	"Norfolk", "Barnstable", "Berkshire", "Hampshire", "Franklin"}

var senateOrdinals = []string{"First", "Second", "Third", "Fourth", "Fifth"}

var parties = []string{"Democratic", "Democratic", "Democratic", "Democratic", "Democratic", "Republican", "Independent"}

var tagNames = []string{"phonebank", "canvass", "events", "data entry", "social media", "host", "driver",
	"letter writing", "testify", "new volunteer"}

var skillNames = []string{"Spanish", "Portuguese", "Haitian Creole", "Vietnamese", "graphic design",
	"public speaking", "legal", "teaching", "photography", "translation"}

var noteTexts = []string{
	"Met at the library forum; wants to help with phone banks.",
	"Prefers text messages after 6pm.",
	"Can host a house meeting in the spring.",
	"Speaks with her rep's aide regularly — good contact.",
	"Moved within the district; new address confirmed.",
	"Asked for leaflets in Portuguese for church group.",
	"Retired teacher, happy to train new callers.",
	"Called twice, very persuasive with staff.",
	"Kann auch Deutsch; interested in data entry.",
	"Needs a ride to the State House lobby day.",
}

var callNotes = []string{
	"Aide took my name and zip and said the office is still reviewing the bill.",
	"Staffer was friendly, asked for the fact sheet.",
	"Left a short message with the bill number.",
	"Rep said they support it and will vote yes.",
	"Office said the senator has concerns about federal funding.",
	"Line was busy three times.",
	"Number on the website is out of date.",
	"Spoke with the district director; follow up next week.",
	"Aide said the rep is undecided and wants to hear from constituents.",
	"Mailbox full again.",
}
