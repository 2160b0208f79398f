/** A SIECLE student as the readers hand it over, for tests: names, class and birth date given, the rest fixed. */
import type { SiecleStudent } from '../../src/schools/siecle/types.js';

export function siecleStudent(ine: string, firstName: string, lastName: string, division: string, birthDate = '2012-05-01'): SiecleStudent {
  return {
    ine,
    lastName,
    usageName: null,
    firstName,
    secondFirstName: null,
    thirdFirstName: null,
    birthDate,
    sex: 'F',
    birthCountryCode: '100',
    birthDepartmentCode: '086',
    birthCityCode: '86194',
    birthCity: 'POITIERS',
    mefCode: '10110001110',
    status: 'ST',
    division,
    groups: [],
  };
}
