/**
 * Demo partners, shaped like seed 003: 35 Service Canada sites co-located with other
 * organisations (federal–federal 12, federal–provincial/territorial 18, federal–provincial and
 * municipal 1, federal–municipal 1, federal–NGO 3), the seed's three examples included when the
 * demo has a centre there, and a provincial partner layer of two service centres per province
 * or territory, a few kilometres from a Service Canada Centre. Deterministic: no randomness.
 */
import type { Jurisdiction, PartnershipModel } from '../../../platform/db/tables.js';
import type { DemoServicePoint } from './generate.js';

export interface DemoPartner {
  siteCode: string;
  nameEn: string;
  nameFr: string;
  partnerType: Jurisdiction;
  model: PartnershipModel;
}

const PROVINCIAL_AGENCY: Record<string, [string, string]> = {
  NL: ['Government of Newfoundland and Labrador', 'Gouvernement de Terre-Neuve-et-Labrador'],
  PE: ['Access PEI', 'Accès Î.-P.-É.'],
  NS: ['Nova Scotia Works', 'Emploi Nouvelle-Écosse'],
  NB: ['Service New Brunswick', 'Service Nouveau-Brunswick'],
  QC: ['Services Québec', 'Services Québec'],
  ON: ['ServiceOntario', 'ServiceOntario'],
  MB: ['Province of Manitoba', 'Province du Manitoba'],
  SK: ['Government of Saskatchewan', 'Gouvernement de la Saskatchewan'],
  AB: ['Alberta Registries', 'Registres de l\'Alberta'],
  BC: ['Service BC', 'Service BC'],
  YT: ['Government of Yukon', 'Gouvernement du Yukon'],
  NT: ['Government of the Northwest Territories', 'Gouvernement des Territoires du Nord-Ouest'],
  NU: ['Government of Nunavut', 'Gouvernement du Nunavut'],
};
const FEDERAL: [string, string][] = [
  ['Immigration, Refugees and Citizenship Canada', 'Immigration, Réfugiés et Citoyenneté Canada'],
  ['Canada Revenue Agency', 'Agence du revenu du Canada'],
  ['Veterans Affairs Canada', 'Anciens Combattants Canada'],
];
const SEED_EXAMPLES = ['Geraldton', 'Amherst', 'Steinbach'];

type Mix = { partners: [Jurisdiction, PartnershipModel][] };
const MIX: Mix[] = [
  ...Array.from({ length: 12 }, (_, i): Mix => ({ partners: [['federal', i % 4 === 0 ? 'shared_space' : 'co_location']] })),
  ...Array.from({ length: 18 }, (_, i): Mix => ({ partners: [['provincial', i % 6 === 0 ? 'integrated' : 'co_location']] })),
  { partners: [['provincial', 'co_location'], ['municipal', 'co_location']] },
  { partners: [['municipal', 'shared_space']] },
  ...Array.from({ length: 3 }, (): Mix => ({ partners: [['ngo', 'referral']] })),
];

function partnerName(type: Jurisdiction, site: DemoServicePoint, i: number): [string, string] {
  if (type === 'provincial') return PROVINCIAL_AGENCY[site.provinceCode] ?? ['Provincial government', 'Gouvernement provincial'];
  if (type === 'federal') return FEDERAL[i % FEDERAL.length]!;
  if (type === 'municipal') return [`City of ${site.city}`, `Ville de ${site.city}`];
  return [`${site.city} Community Services`, `Services communautaires de ${site.city}`];
}

/** The seed's examples first (all federal–provincial), then centres spread over the list. */
export function generateDemoPartners(points: readonly DemoServicePoint[]): DemoPartner[] {
  const centres = points.filter((p) => p.type === 'scc');
  const examples = centres.filter((p) => SEED_EXAMPLES.includes(p.city));
  const others = centres.filter((p) => !examples.includes(p));
  const step = Math.max(1, Math.floor(others.length / (MIX.length - examples.length)));
  const chosen = [...examples, ...others.filter((_, i) => i % step === 0)].slice(0, MIX.length);
  const provincialFirst = [...MIX.slice(12, 12 + examples.length), ...MIX.slice(0, 12), ...MIX.slice(12 + examples.length)];
  return chosen.flatMap((site, i) =>
    provincialFirst[i]!.partners.map(([partnerType, model], j) => {
      const [nameEn, nameFr] = partnerName(partnerType, site, i + j);
      return { siteCode: site.code, nameEn, nameFr, partnerType, model };
    }),
  );
}

/** Two provincial service centres per province or territory, near its largest centres. */
export function generateProvincialLayer(points: readonly DemoServicePoint[]): DemoServicePoint[] {
  const layer: DemoServicePoint[] = [];
  for (const [province, [agencyEn, agencyFr]] of Object.entries(PROVINCIAL_AGENCY)) {
    const centres = points.filter((p) => p.type === 'scc' && p.provinceCode === province).slice(0, 2);
    centres.forEach((site, i) => {
      layer.push({
        ...site,
        code: `PROV-${province}-${String(i + 1).padStart(3, '0')}`,
        type: 'partnership_site',
        nameEn: `${agencyEn} – ${site.city}`,
        nameFr: `${agencyFr} – ${site.city}`,
        // A few kilometres away, as provincial offices usually are.
        latitude: Math.round((site.latitude + 0.018 * (i + 1)) * 1e4) / 1e4,
        longitude: Math.round((site.longitude - 0.021 * (i + 1)) * 1e4) / 1e4,
        counters: Math.max(2, Math.round(site.counters / 2)),
        yearlyVolume: Math.round(site.yearlyVolume * 0.6),
        services: [],
      });
    });
  }
  return layer;
}
