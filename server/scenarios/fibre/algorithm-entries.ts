// Register entries for the fibre engine's algorithms (see server/algorithms/register.ts).
import type { AlgorithmEntry } from '../../algorithms/register.ts';

export const FIBRE_ALGORITHMS: readonly AlgorithmEntry[] = [
  {
    id: 'fibre-steiner-route',
    title: { nl: 'Tracé van het glasvezelnet (Steinerboom)', en: 'Fibre network route (Steiner tree)' },
    purpose: {
      nl: 'Zoekt het goedkoopste stratennet dat de wijkcentrale (POP) met alle aan te sluiten adressen verbindt.',
      en: 'Finds the cheapest set of streets that connects the central office (POP) with every address to connect.',
    },
    inputs: ['street graph with edge costs (€ or m)', 'POP node(s)', 'target nodes (address drops)'],
    assumptions: [
      {
        nl: 'Heuristiek: Mehlhorn en de kortste-padheuristiek vanuit meerdere starts, verbeterd met sleutelpad-uitwisseling en het toevoegen/verwijderen van Steinerknopen.',
        en: 'Heuristic: Mehlhorn and the shortest-path heuristic from several starts, improved by key-path exchange and Steiner-node insertion/elimination.',
      },
      {
        nl: 'Kosten per straatdeel zijn vast (lengte × eenheidsprijs per verharding); geen schaalvoordelen of gedeelde sleuven met andere netten.',
        en: 'Edge costs are fixed (length × unit cost per surface); no economies of scale or trenches shared with other networks.',
      },
    ],
    limits: [
      {
        nl: 'Geen gegarandeerd optimum: op de PACE 2018-testinstanties ligt het resultaat binnen 1 % van het optimum (gemeten in de conformiteitstest).',
        en: 'No guaranteed optimum: on the PACE 2018 test instances the result lies within 1 % of the optimum (measured in the conformance test).',
      },
      {
        nl: 'Adressen die niet via het stratennet bereikbaar zijn, worden gemeld en niet aangesloten.',
        en: 'Addresses that cannot be reached over the street network are reported and not connected.',
      },
    ],
    code: ['server/scenarios/fibre/steiner.ts', 'server/scenarios/fibre/steiner-local-search.ts'],
    references: ['DOMAIN.md Part A §5.4', 'Uchoa & Werneck, Fast local search for Steiner trees in graphs (2010)', 'PACE 2018 Steiner tree instances'],
  },
];
