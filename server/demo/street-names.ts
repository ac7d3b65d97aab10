// Dutch-sounding street and neighbourhood names from themed word lists, as Dutch towns name a whole
// neighbourhood after one theme (Bloemenbuurt: Tulpstraat, Rozenlaan…). All names are made up by combination.
import type { Rng } from './random.ts';
import type { StreetClass } from './district-styles.ts';

export type NameTheme =
  | 'historisch'
  | 'bomen'
  | 'bloemen'
  | 'vogels'
  | 'schilders'
  | 'componisten'
  | 'rivieren'
  | 'sterren'
  | 'dichters'
  | 'velden'
  | 'havens'
  | 'ambachten'
  | 'park';

interface ThemeWords {
  buurtName: string;
  prefixes: readonly string[];
}

const THEMES: Record<NameTheme, ThemeWords> = {
  historisch: {
    buurtName: 'Binnenstad',
    prefixes: [
      'Kerk', 'Hoog', 'Molen', 'Brug', 'Vis', 'Bakker', 'Smeden', 'Wevers', 'Vleeshouwers', 'Klooster', 'Burg',
      'Poort', 'Schout', 'Waag', 'Haven', 'Toren', 'Wolvenhoek', 'Begijnen', 'Zadel', 'Twijn', 'Steen', 'Peper',
      'Lombard', 'Kalver', 'Boter', 'Koe', 'Ganzen', 'Lijn', 'Choor', 'Minderbroeder', 'Predikheren', 'Gasthuis',
      'Munt', 'Raadhuis', 'Schuttersdoelen', 'Kaas', 'Hooi', 'Turf', 'Kuipers', 'Zilversmid', 'Bier', 'Mout',
    ],
  },
  bomen: {
    buurtName: 'Bomenbuurt',
    prefixes: [
      'Eiken', 'Beuken', 'Linden', 'Iepen', 'Essen', 'Berken', 'Wilgen', 'Populier', 'Kastanje', 'Esdoorn',
      'Elzen', 'Lariks', 'Platanen', 'Acacia', 'Hazelaar', 'Meidoorn', 'Vlier', 'Lijsterbes', 'Taxus', 'Ceder',
      'Dennen', 'Sparren', 'Jeneverbes', 'Walnoot', 'Hulst', 'Haagbeuk', 'Abelen', 'Olm', 'Moerbei', 'Tamarisk',
    ],
  },
  bloemen: {
    buurtName: 'Bloemenbuurt',
    prefixes: [
      'Tulp', 'Rozen', 'Narcis', 'Hyacint', 'Krokus', 'Anjer', 'Lelie', 'Iris', 'Dahlia', 'Aster', 'Viooltjes',
      'Goudsbloem', 'Klaproos', 'Korenbloem', 'Margriet', 'Zonnebloem', 'Sering', 'Jasmijn', 'Seringen',
      'Lavendel', 'Hortensia', 'Begonia', 'Geranium', 'Primula', 'Akelei', 'Ranonkel', 'Fresia', 'Gladiool',
      'Pioen', 'Boterbloem', 'Vergeet-mij-niet', 'Madeliefjes',
    ],
  },
  vogels: {
    buurtName: 'Vogelbuurt',
    prefixes: [
      'Merel', 'Lijster', 'Spreeuwen', 'Mussen', 'Vinken', 'Meeuwen', 'Reiger', 'Zwaluw', 'Kievit', 'Grutto',
      'Leeuwerik', 'Nachtegaal', 'Koekoek', 'Specht', 'Wielewaal', 'Roodborst', 'Kwikstaart', 'Goudvink',
      'Putter', 'Sijs', 'Ekster', 'Kraaien', 'Uilen', 'Valken', 'Havik', 'Buizerd', 'Ooievaar', 'Zwanen',
      'Fazant', 'Patrijs', 'Tureluur', 'Scholekster',
    ],
  },
  schilders: {
    buurtName: 'Schildersbuurt',
    prefixes: [
      'Rembrandt', 'Vermeer', 'Frans Hals', 'Jan Steen', 'Ruysdael', 'Hobbema', 'Van Goyen', 'Pieter de Hooch',
      'Van Ostade', 'Cuyp', 'Potter', 'Ter Borch', 'Metsu', 'Dou', 'Breitner', 'Israëls', 'Mesdag', 'Mauve',
      'Maris', 'Weissenbruch', 'Toorop', 'Mondriaan', 'Van der Leck', 'Sluijters', 'Witsen', 'Bosboom',
      'Jongkind', 'Van de Velde', 'Saenredam', 'Avercamp',
    ],
  },
  componisten: {
    buurtName: 'Componistenbuurt',
    prefixes: [
      'Sweelinck', 'Diepenbrock', 'Zweers', 'Wagenaar', 'Röntgen', 'Andriessen', 'Badings', 'Pijper',
      'Dopper', 'Verhulst', 'Bach', 'Mozart', 'Beethoven', 'Haydn', 'Schubert', 'Brahms', 'Chopin', 'Grieg',
      'Händel', 'Vivaldi', 'Mendelssohn', 'Schumann', 'Verdi', 'Puccini', 'Ravel', 'Debussy', 'Sibelius',
      'Dvořák', 'Smetana', 'Bizet',
    ],
  },
  rivieren: {
    buurtName: 'Rivierenbuurt',
    prefixes: [
      'Rijn', 'Maas', 'Waal', 'IJssel', 'Lek', 'Vecht', 'Amstel', 'Linge', 'Dinkel', 'Berkel', 'Regge',
      'Dommel', 'Aa', 'Roer', 'Geul', 'Niers', 'Schelde', 'Merwede', 'Eem', 'Hunze', 'Reest', 'Drentse Aa',
      'Mark', 'Dintel', 'Gouwe', 'Hollandse IJssel', 'Kromme Rijn', 'Oude Rijn', 'Spaarne', 'Zaan',
    ],
  },
  sterren: {
    buurtName: 'Sterrenbuurt',
    prefixes: [
      'Orion', 'Sirius', 'Vega', 'Polaris', 'Andromeda', 'Pegasus', 'Cassiopeia', 'Lyra', 'Draco', 'Perseus',
      'Aldebaran', 'Betelgeuze', 'Rigel', 'Capella', 'Castor', 'Pollux', 'Regulus', 'Antares', 'Arcturus',
      'Deneb', 'Altair', 'Spica', 'Procyon', 'Mira', 'Hercules', 'Cepheus', 'Aquila', 'Cygnus', 'Phoenix',
      'Centaurus', 'Plejaden', 'Meridiaan', 'Komeet', 'Zenit',
    ],
  },
  dichters: {
    buurtName: 'Dichtersbuurt',
    prefixes: [
      'Vondel', 'Bredero', 'Hooft', 'Huygens', 'Cats', 'Bilderdijk', 'Da Costa', 'Tollens', 'Beets', 'Multatuli',
      'Gorter', 'Kloos', 'Perk', 'Van Eeden', 'Verwey', 'Boutens', 'Slauerhoff', 'Marsman', 'Nijhoff',
      'Achterberg', 'Vasalis', 'Lucebert', 'Kouwenaar', 'Gezelle', 'Van Ostaijen', 'Roland Holst', 'Bloem',
      'Leopold', 'Staring', 'Potgieter',
    ],
  },
  velden: {
    buurtName: 'De Weide',
    prefixes: [
      'Weide', 'Akker', 'Hooiland', 'Kavel', 'Gaarde', 'Kamp', 'Esch', 'Veld', 'Made', 'Beemd', 'Slag', 'Hoeve',
      'Schuur', 'Boomgaard', 'Driehoek', 'Gors', 'Kamper', 'Ploeg', 'Zeis', 'Schoof', 'Wei', 'Maden', 'Heul',
      'Dam', 'Kolk', 'Hoefslag', 'Stal', 'Schaapskooi', 'Hooiberg', 'Molenkamp',
    ],
  },
  havens: {
    buurtName: 'Havengebied',
    prefixes: [
      'Kraan', 'Dok', 'Sluis', 'Loods', 'Stuw', 'Veer', 'Schuts', 'Bolder', 'Meer', 'Tros', 'Anker', 'Zeil',
      'Roer', 'Scheeps', 'Lichter', 'Duwbak', 'Kade', 'Pier', 'Steiger', 'Baken', 'Boei', 'Kaapstander',
    ],
  },
  ambachten: {
    buurtName: 'Bedrijvenpark De Ambachten',
    prefixes: [
      'Smids', 'Timmer', 'Metsel', 'Loodgieters', 'Schilders', 'Kuipers', 'Wevers', 'Ververs', 'Zadelmakers',
      'Leerlooiers', 'Touwslagers', 'Glazeniers', 'Pottenbakkers', 'Zilversmeden', 'Stoelenmatters',
      'Molenaars', 'Bakkers', 'Brouwers', 'Kaarsenmakers', 'Klompenmakers', 'Mandenmakers', 'Zeepziders',
    ],
  },
  park: {
    buurtName: 'Stadspark',
    prefixes: [
      'Vijver', 'Rozentuin', 'Muziektent', 'Eendenkooi', 'Heem', 'Bos', 'Vlonder', 'Theehuis', 'Spiegel',
      'Wandel', 'Bleek', 'Beeldentuin', 'Brink', 'Hertenkamp', 'Uitkijk', 'Parkwachters',
    ],
  },
};

const SUFFIXES: Record<StreetClass, readonly string[]> = {
  hoofdweg: ['weg', 'laan', 'singel'],
  wijkweg: ['laan', 'dreef', 'weg', 'singel'],
  woonstraat: ['straat', 'straat', 'laan', 'hof', 'plein', 'weg'],
  erf: ['straat', 'steeg', 'hof', 'gang', 'erf'],
  fietspad: ['pad', 'laantje', 'dreef'],
};

const HISTORIC_SUFFIXES = ['straat', 'straat', 'steeg', 'gracht', 'markt', 'dijk', 'poort', 'hof'];

export function themeBuurtName(theme: NameTheme): string {
  return THEMES[theme].buurtName;
}

/** Dutch writes a street name as one word, even after a person's name with a space: Frans Halsstraat. */
function compose(prefix: string, suffix: string): string {
  return `${prefix}${suffix}`;
}

/** Hands out unique street names; one namer per town so no two streets share a name. */
export class StreetNamer {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  /** Reserves a fixed name (main roads); returns it. */
  reserve(name: string): string {
    this.used.add(name);
    return name;
  }

  name(theme: NameTheme, streetClass: StreetClass): string {
    const words = THEMES[theme].prefixes;
    const suffixes = theme === 'historisch' ? HISTORIC_SUFFIXES : SUFFIXES[streetClass];
    for (let attempt = 0; attempt < 200; attempt++) {
      const prefix = this.rng.pick(words);
      const suffix = this.rng.pick(suffixes);
      const candidate = attempt > 60 && theme === 'historisch' ? `${this.rng.pick(['Lange', 'Korte', 'Oude', 'Nieuwe'])} ${compose(prefix, suffix)}` : compose(prefix, suffix);
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    // Every themed combination is taken: fall back to a numbered variant so names stay unique.
    for (let n = 2; ; n++) {
      const candidate = `${compose(words[0], suffixes[0])} ${n}`;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
  }
}

const FICTIONAL_VILLAGES = [
  'Brakel', 'Heemdonk', 'Lindendijk', 'Westerhout', 'Zuidbroek', 'Veenhoven', 'Oosterweide', 'Hoogeveld',
  'Molenbroek', 'Kranendonk',
];

/** Main roads are named after the (fictional) place they lead to: Brakelseweg. */
export function radialRoadName(rng: Rng, taken: ReadonlySet<string>): string {
  for (const village of rng.shuffle(FICTIONAL_VILLAGES)) {
    const name = `${village}seweg`;
    if (!taken.has(name)) return name;
  }
  throw new Error('more radial roads than village names');
}

const OCTANTS = ['Oost', 'Noordoost', 'Noord', 'Noordwest', 'West', 'Zuidwest', 'Zuid', 'Zuidoost'] as const;

/** 0 = east, counter-clockwise, as atan2 angles are. */
export function octantName(angleRad: number): (typeof OCTANTS)[number] {
  const turn = ((angleRad % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return OCTANTS[Math.round(turn / (Math.PI / 4)) % 8];
}
