#include "bench/name_pool.h"

#include <iterator>

#include "absl/strings/str_cat.h"

namespace dossier::bench {
namespace {

// Ordered roughly by how common they are; the Zipf law makes the first ones
// frequent. Mixed scripts and diacritics on purpose: names compare byte for byte.
constexpr const char* kFirstNames[] = {
    "Maria",    "Aleksandr", "Anna",       "Mohammed",  "Elena",     "Sergei",      "Olga",
    "Ahmed",    "Natalia",   "Dmitri",     "Fatima",    "Ivan",      "Irina",       "Ali",
    "Svetlana", "Andrei",    "Tatiana",    "Yusuf",     "Ekaterina", "Nikolai",     "Aisha",
    "Pavel",    "Marina",    "Hassan",     "Yulia",     "Mikhail",   "Leila",       "Vladimir",
    "Zainab",   "Alexei",    "Nadia",      "Omar",      "Galina",    "Viktor",      "Oksana",
    "Ibrahim",  "Lyudmila",  "Yuri",       "Mariam",    "Oleg",      "Ksenia",      "Karim",
    "Daria",    "Roman",     "Amina",      "Igor",      "Sofia",     "Maxim",       "José",
    "Zoë",      "Łukasz",    "Björn",      "Nguyễn",    "Ana",       "Juan",        "Carlos",
    "Lucía",    "Pedro",     "Ioana",      "Mehmet",    "Ayşe",      "Jean-Pierre", "Chloé",
    "François", "Grzegorz",  "Małgorzata", "Jiří",      "Václav",    "Dilnoza",     "Bakhyt",
    "Aigerim",  "Timur",     "Rustam",     "Gulnara",   "Nurlan",    "Azamat",      "Zarina",
    "Farhod",   "Shahnoza",  "Akmal",      "Ruslan",    "Madina",    "Arman",       "Saule",
    "Yerlan",   "Dana",      "Kanat",      "Aliya",     "Ilya",      "Vera",        "Artem",
    "Polina",   "Kirill",    "Alina",      "Stanislav", "Valentina", "Gennady",     "Larisa",
    "Boris",    "Raisa"};

constexpr const char* kSurnames[] = {
    "Ivanov",         "Petrova",     "Smirnov",    "Kuznetsova", "Popov",      "Sokolova",
    "Lebedev",        "Kozlova",     "Novikov",    "Morozova",   "Volkov",     "Alekseeva",
    "Solovyov",       "Vasilieva",   "Zaitsev",    "Pavlova",    "Semenov",    "Golubeva",
    "Vinogradov",     "Bogdanova",   "Vorobyov",   "Fedorova",   "Mikhailov",  "Belyaeva",
    "Tarasov",        "Belova",      "Komarov",    "Orlova",     "Kiselev",    "Makarova",
    "Andreev",        "Kovaleva",    "Ilyin",      "Gusev",      "Titova",     "Kuzmin",
    "Kudryavtseva",   "Baranov",     "Kulikova",   "Alekseev",   "Stepanova",  "Yakovlev",
    "Sorokina",       "Sergeev",     "Romanova",   "Zakharov",   "Borisova",   "Koroleva",
    "Gerasimov",      "Ponomareva",  "Grigoriev",  "Lazareva",   "Medvedev",   "Ershova",
    "Nikitin",        "Sobolev",     "Ryabova",    "Polyakov",   "Tsvetkova",  "Danilov",
    "Zhukova",        "Frolov",      "Zhuravleva", "Nikolaev",   "Krylova",    "Maksimov",
    "Sidorova",       "Osipov",      "Belousova",  "Fedotov",    "Dorofeeva",  "Egorov",
    "Matveeva",       "Bobrov",      "Dmitrieva",  "Kalinin",    "Anisimova",  "Petukhov",
    "Antonova",       "Timofeev",    "Nikiforova", "Abdullaev",  "Karimova",   "Rakhimov",
    "Yusupova",       "Nazarbayev",  "Tokayeva",   "Suleimenov", "Akhmetova",  "Iskakov",
    "Omarova",        "Mamedov",     "Aliyeva",    "Hasanov",    "Guliyeva",   "Huseynov",
    "Ismayilova",     "García",      "Fernández",  "López",      "Martínez",   "Rodríguez",
    "González",       "Pérez",       "Sánchez",    "Müller",     "Schmidt",    "Schneider",
    "Fischer",        "Kowalski",    "Wiśniewska", "Nowak",      "Dvořák",     "Novotná",
    "Svoboda",        "Yılmaz",      "Kaya",       "Demir",      "Şahin",      "Çelik",
    "Nguyễn",         "Trần",        "Lê",         "Phạm",       "O'Brien",    "O'Connor",
    "MacLeod",        "D'Angelo",    "Kim",        "Park",       "Lee",        "Chen",
    "Wang",           "Zhang",       "Liu",        "Ahmadi",     "Hosseini",   "Rahimi",
    "Karimi",         "Haddad",      "Khoury",     "Mansour",    "Saleh",      "Nasser",
    "Bondarenko",     "Kovalenko",   "Shevchenko", "Tkachenko",  "Kravchenko", "Oliynyk",
    "Lysenko",        "Marchenko",   "Rudenko",    "Savchenko",  "Hrytsenko",  "Moroz",
    "Melnyk",         "Lukashevich", "Kovalchuk",  "Bialiatski", "Babaryka",   "Kalesnikava",
    "Tsikhanouskaya", "Navalny",     "Kara-Murza", "Yashin",     "Gorinov",    "Skochilenko",
    "Politkovskaya"};

constexpr const char* kOrgKinds[] = {"Ministry of Internal Affairs",
                                     "Investigative Committee",
                                     "Prosecutor's Office",
                                     "State Security Committee",
                                     "Centre for Combating Extremism",
                                     "District Court",
                                     "Regional Court",
                                     "Penal Colony No. 2",
                                     "Pre-trial Detention Centre",
                                     "Human Rights Centre",
                                     "Union of Journalists",
                                     "Committee \"Solidarity\"",
                                     "Foundation for Legal Aid",
                                     "Association of Lawyers",
                                     "Independent Trade Union",
                                     "Election Observers' Network",
                                     "Youth Movement \"Spring\"",
                                     "Women's Council",
                                     "Writers' Union",
                                     "Medical Association"};

constexpr const char* kPlaces[] = {"Minsk",   "Moscow",   "Grodno",        "Brest",   "Gomel",
                                   "Vitebsk", "Mogilev",  "St Petersburg", "Kazan",   "Almaty",
                                   "Astana",  "Tashkent", "Baku",          "Tbilisi", "Yerevan",
                                   "Bishkek", "Dushanbe", "Ashgabat",      "Kyiv",    "Chisinau"};

constexpr const char* kOutlets[] = {"Amnesty International",
                                    "Human Rights Watch",
                                    "Viasna",
                                    "Memorial",
                                    "OVD-Info",
                                    "Front Line Defenders",
                                    "UN Working Group on Arbitrary Detention",
                                    "OSCE/ODIHR",
                                    "Committee to Protect Journalists",
                                    "Reporters Without Borders",
                                    "PEN International",
                                    "Civil Rights Defenders",
                                    "Freedom House",
                                    "Article 19",
                                    "Meduza",
                                    "RFE/RL"};

constexpr const char* kLetterKinds[] = {"Open letter", "Joint statement", "Appeal", "Urgent action",
                                        "Letter of concern"};

template <size_t N>
const char* Pick(const char* const (&list)[N], Rng& rng) {
  return list[rng.Below(N)];
}

}  // namespace

NamePool::NamePool()
    : first_(AliasSampler::ZipfWeights(std::size(kFirstNames), 0.7)),
      last_(AliasSampler::ZipfWeights(std::size(kSurnames), 0.7)) {}

std::string NamePool::Surname(Rng& rng) const { return kSurnames[last_.Sample(rng)]; }

std::string NamePool::PersonName(Rng& rng) const {
  std::string name = kFirstNames[first_.Sample(rng)];
  // A middle initial on a quarter of the names lengthens the tail of rare
  // names without thinning out the common ones.
  if (rng.Below(4) == 0) absl::StrAppend(&name, " ", std::string(1, 'A' + rng.Below(26)), ".");
  absl::StrAppend(&name, " ", Surname(rng));
  return name;
}

std::string NamePool::OrganisationName(Rng& rng) const {
  std::string name = Pick(kOrgKinds, rng);
  // "X, Minsk" carries a comma; some kinds carry quotes.
  absl::StrAppend(&name, rng.Below(2) ? ", " : " of ", Pick(kPlaces, rng));
  return name;
}

std::string NamePool::LetterName(Rng& rng, int64_t serial) const {
  if (rng.Below(8) == 0) return absl::StrCat("Appeal \"Free ", Surname(rng), "!\"");
  return absl::StrCat(Pick(kLetterKinds, rng), " No. ", serial, " on the case of ", Surname(rng));
}

std::string NamePool::SourceName(Rng& rng) const {
  return absl::StrCat(Pick(kOutlets, rng), " report, ", 1995 + rng.Below(30));
}

}  // namespace dossier::bench
