import { describe, expect, it } from 'vitest';
import { InvalidParameter } from '../../server/errors.ts';
import { PersonalDataInText, findPersonalData, personalDataExplanation } from '../../server/participation/personal-data-scan.ts';

describe('findPersonalData', () => {
  it.each([
    ['Mail me: jan@example.nl', ['email']],
    ['mijn adres is J.de.Vries+inspraak@gemeente-utrecht.nl.', ['email']],
    ['full-width ＠: jan＠example.nl', ['email']],
    ['bel 06-12345678', ['phone']],
    ['bel 0612345678', ['phone']],
    ['bel +31 6 1234 5678', ['phone']],
    ['bel +31 (0)6 12 34 56 78', ['phone']],
    ['bel 0031 6 12345678', ['phone']],
    ['bel 020-1234567', ['phone']],
    ['bel 020 123 45 67', ['phone']],
    ['bel 0345-123456', ['phone']],
    ['bel (030) 123 4567', ['phone']],
    ['full-width ０６-１２３４５６７８', ['phone']],
    ['ik woon op 3511 AB 12', ['postcode-house-number']],
    ['3511AB 12', ['postcode-house-number']],
    ['3511ab12', ['postcode-house-number']],
    ['3511 AB, nr. 12a', ['postcode-house-number']],
    ['BSN 123456782', ['bsn']],
    ['BSN 1234.56.782', ['bsn']],
    ['mail jan@example.nl of bel 06-12345678', ['email', 'phone']],
  ])('finds personal data in %j', (text, kinds) => {
    expect(findPersonalData(text)).toEqual(kinds);
  });

  it.each([
    'in 2024 we had 12 trees',
    'in 2024 we 12 bomen geplant',
    'Meer groen langs de Oudegracht graag!',
    'De mast is 35 m hoog en staat op 120 meter van de school',
    'kosten € 1.500.000 in 2025-2030',
    'tussen 2010 en 2020 is het 30% drukker geworden',
    'de datum 12-05-2024 om 14:30',
    'het budget is 12345678 euro',
    'een getal van tien cijfers 1234567890',
    'postcode 3511 AB zonder huisnummer',
    'Lijn 12 stopt bij halte 3',
    'coördinaten 52.0907, 5.1214',
    'ik vind dit @gemeente een goed idee',
  ])('lets %j pass', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});

describe('PersonalDataInText', () => {
  it('is a 400 with code personal-data, explains in Dutch and English, and does not echo the data', () => {
    const err = new PersonalDataInText(['email', 'phone']);
    expect(err).toBeInstanceOf(InvalidParameter);
    expect(err.code).toBe('personal-data');
    const explanation = err.details?.explanation as { nl: string; en: string };
    expect(explanation.nl).toContain('e-mailadres');
    expect(explanation.nl).toContain('telefoonnummer');
    expect(explanation.en).toContain('e-mail address and a phone number');
    expect(JSON.stringify(err.details)).not.toContain('@');
  });

  it('names each kind', () => {
    expect(personalDataExplanation(['postcode-house-number']).en).toContain('postcode with a house number');
    expect(personalDataExplanation(['bsn']).nl).toContain('burgerservicenummer');
  });
});
