// The rule texts of the demo omgevingsplan, in plain Dutch. Made up for Demostad, modelled on the way real
// omgevingsplannen word these articles; not legal text of any municipality.
export const ARTIKELEN = {
  functies: {
    nummer: '4.1',
    titel: 'Functies',
    tekst:
      'De gronden zijn aangewezen voor de functie die voor de locatie is aangegeven: wonen, centrum (wonen, winkels, horeca, kantoren en maatschappelijke voorzieningen), bedrijventerrein, groen of water. Een gebruik dat niet bij de functie past is verboden.',
  },
  bouwhoogte: {
    nummer: '4.2',
    titel: 'Bouwhoogte',
    tekst: 'De bouwhoogte van een gebouw bedraagt niet meer dan de maximum bouwhoogte die voor de locatie is aangegeven.',
  },
  bouwlagen: {
    nummer: '4.3',
    titel: 'Bouwlagen',
    tekst: 'Het aantal bouwlagen van een gebouw bedraagt niet meer dan het maximum aantal bouwlagen dat voor de locatie is aangegeven.',
  },
  afwijken: {
    nummer: '4.4',
    titel: 'Afwijken van de bouwhoogte',
    tekst:
      'Met een omgevingsvergunning kan worden afgeweken van artikel 4.2 voor een overschrijding van de maximum bouwhoogte met ten hoogste 10 procent, mits het straatbeeld en de bezonning van de omgeving niet onevenredig worden aangetast.',
  },
  bouwen: {
    nummer: '5.1',
    titel: 'Vergunningplicht bouwen',
    tekst: 'Het is verboden zonder omgevingsvergunning een gebouw te bouwen.',
  },
  water: {
    nummer: '5.2',
    titel: 'Bouwen in water',
    tekst: 'Het is verboden bouwwerken te bouwen op gronden met de functie water, met uitzondering van bruggen, steigers en kademuren.',
  },
  nutsvoorzieningen: {
    nummer: '5.3',
    titel: 'Nutsvoorzieningen',
    tekst:
      'Een bouwwerk voor een nutsvoorziening, zoals een straatkast, is toegestaan tot een hoogte van 3 meter en een inhoud van 50 kubieke meter, behalve op gronden met de functie groen of water.',
  },
  antennes: {
    nummer: '5.4',
    titel: 'Antenne-installaties in het beschermd stadsgezicht',
    tekst:
      'Het is verboden zonder omgevingsvergunning in het beschermd stadsgezicht een antenne-installatie te plaatsen. Buiten het beschermd stadsgezicht is een antenne-installatie tot 5 meter op een gebouw vergunningvrij; voor een vrijstaande antennemast is altijd een omgevingsvergunning nodig.',
  },
  stadsgezicht: {
    nummer: '6.1',
    titel: 'Beschermd stadsgezicht',
    tekst:
      'Het is verboden zonder omgevingsvergunning in het beschermd stadsgezicht een bouwwerk te slopen. Bij het verlenen van een omgevingsvergunning wordt rekening gehouden met de cultuurhistorische waarden van de historische binnenstad.',
  },
  monumenten: {
    nummer: '6.2',
    titel: 'Monumenten',
    tekst: 'Het is verboden zonder omgevingsvergunning een monument te slopen, te verstoren, te verplaatsen of te wijzigen, of er een antenne-installatie op te plaatsen.',
  },
} as const;

export type ArtikelKey = keyof typeof ARTIKELEN;
