/**
 * Reads a BEE_ELEVES export (ElevesSansAdresses.xml) with a streaming SAX parser: only the
 * per-student records are kept, never the document. Students (ELEVES) and their structures
 * (STRUCTURES) are joined on ELEVE_ID afterwards, since either section may come first.
 */
import { SaxesParser } from 'saxes';
import { hasForeignCharacters } from './encoding.js';
import { SiecleFileError } from './types.js';

export const STUDENT_FIELDS = [
  'ID_NATIONAL', 'NOM_DE_FAMILLE', 'NOM_USAGE', 'PRENOM', 'PRENOM2', 'PRENOM3', 'DATE_NAISS', 'CODE_SEXE',
  'CODE_PAYS', 'CODE_DEPARTEMENT_NAISS', 'CODE_COMMUNE_INSEE_NAISS', 'VILLE_NAISS', 'CODE_MEF', 'CODE_STATUT',
  'DATE_SORTIE',
] as const;
export type StudentField = (typeof STUDENT_FIELDS)[number];

/** An ELEVE element as written, before any rule is applied. */
export interface XmlStudent {
  eleveId: string | null;
  /** Where the referent finds it in the file. */
  line: number;
  fields: Partial<Record<StudentField, string>>;
}

export interface XmlStructures {
  division: string | null;
  groups: string[];
}

export interface SiecleXml {
  uaj: string;
  students: XmlStudent[];
  /** By ELEVE_ID. */
  structures: Map<string, XmlStructures>;
}

const studentFields: ReadonlySet<string> = new Set(STUDENT_FIELDS);

/**
 * @param encoding for messages only: the encoding the text is decoded with, known once reading started.
 * @throws SiecleFileError for a file that is not a SIECLE export of the expected school, or not
 *   well-formed, or cut short; the wrong UAJ stops the reading at once.
 */
export async function readSiecleXml(text: AsyncIterable<string>, expectedUaj: string, encoding: () => string): Promise<SiecleXml> {
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const path: string[] = [];
  const students: XmlStudent[] = [];
  const structures = new Map<string, XmlStructures>();
  // Set from the handlers: an object, since TypeScript does not see callbacks assign locals.
  const seen: { uaj: string | null; rootClosed: boolean } = { uaj: null, rootClosed: false };
  // Text is gathered only inside the leaf elements we read, at the depth where gathering started.
  let collected: string | null = null;
  let collectedDepth = 0;
  let student: XmlStudent | null = null;
  let owner: XmlStructures | null = null;
  let structure: { code: string; type: string } | null = null;

  const collect = (depth: number): void => {
    collected = '';
    collectedDepth = depth;
  };

  parser.on('error', (error) => {
    throw new SiecleFileError(
      'malformed_xml',
      `Le fichier XML est mal formé ligne ${parser.line}, colonne ${parser.column + 1} ` +
        `(détail technique : ${error.message.replace(/^\d+:\d+: /, '')}). Il a sans doute été modifié ou abîmé : ` +
        `ré-exportez-le depuis SIECLE sans l'ouvrir dans un autre logiciel.`,
      `The XML file is malformed at line ${parser.line}, column ${parser.column + 1} ` +
        `(technical detail: ${error.message.replace(/^\d+:\d+: /, '')}). It was probably modified or damaged: ` +
        `export it again from SIECLE without opening it in another program.`,
    );
  });

  parser.on('opentag', (tag) => {
    path.push(tag.name);
    const depth = path.length;
    if (depth === 1) {
      if (tag.name !== 'BEE_ELEVES') throw notSiecle(`son élément racine est <${tag.name}> et non <BEE_ELEVES>`, `its root element is <${tag.name}>, not <BEE_ELEVES>`);
    } else if (depth === 3 && tag.name === 'UAJ' && path[1] === 'PARAMETRES') {
      collect(depth);
    } else if (depth === 4 && tag.name === 'ELEVE' && path[2] === 'ELEVES' && path[1] === 'DONNEES') {
      student = { eleveId: tag.attributes.ELEVE_ID?.trim() || null, line: parser.line, fields: {} };
    } else if (depth === 5 && student && studentFields.has(tag.name)) {
      collect(depth);
    } else if (depth === 4 && tag.name === 'STRUCTURES_ELEVE' && path[2] === 'STRUCTURES' && path[1] === 'DONNEES') {
      owner = structuresOf(structures, tag.attributes.ELEVE_ID?.trim() ?? '');
    } else if (depth === 5 && owner && tag.name === 'STRUCTURE') {
      structure = { code: '', type: '' };
    } else if (depth === 6 && structure && (tag.name === 'CODE_STRUCTURE' || tag.name === 'TYPE_STRUCTURE')) {
      collect(depth);
    }
  });

  const onText = (chunk: string): void => {
    if (collected !== null) collected += chunk;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', (tag) => {
    const depth = path.length;
    path.pop();
    if (collected !== null && depth === collectedDepth) {
      const value = collected;
      collected = null;
      if (depth === 3) {
        seen.uaj = detached(value.trim());
        if (normalizeUaj(seen.uaj) !== normalizeUaj(expectedUaj)) throw wrongUaj(seen.uaj, expectedUaj);
      } else if (depth === 5 && student) {
        student.fields[tag.name as StudentField] = detached(value);
      } else if (depth === 6 && structure) {
        structure[tag.name === 'CODE_STRUCTURE' ? 'code' : 'type'] = detached(value.trim());
      }
    } else if (depth === 4 && student && tag.name === 'ELEVE') {
      students.push(student);
      student = null;
    } else if (depth === 4 && owner && tag.name === 'STRUCTURES_ELEVE') {
      owner = null;
    } else if (depth === 5 && owner && structure && tag.name === 'STRUCTURE') {
      addStructure(owner, structure);
      structure = null;
    } else if (depth === 1) {
      seen.rootClosed = true;
    }
  });

  let sawText = false;
  for await (const chunk of text) {
    if (hasForeignCharacters(chunk)) throw wrongEncoding(encoding());
    sawText ||= chunk.trim() !== '';
    parser.write(chunk);
  }
  if (!sawText) throw notSiecle('il est vide ou ne contient que des espaces', 'it is empty or holds only spaces');
  const unclosed = path.at(-1);
  if (unclosed !== undefined) {
    throw new SiecleFileError(
      'truncated_xml',
      `Le fichier XML est incomplet : il s'arrête (ligne ${parser.line}) avant la fin de <${unclosed}>. ` +
        `Le téléchargement ou la copie a sans doute été interrompu : récupérez à nouveau l'export complet depuis SIECLE.`,
      `The XML file is incomplete: it stops (line ${parser.line}) before the end of <${unclosed}>. ` +
        `The download or the copy was probably interrupted: get the complete export from SIECLE again.`,
    );
  }
  if (!seen.rootClosed) throw notSiecle('il ne contient aucun élément', 'it holds no element');
  parser.close();
  const { uaj } = seen;
  if (uaj === null) {
    throw new SiecleFileError(
      'missing_uaj',
      `Le fichier XML n'indique pas l'établissement (élément BEE_ELEVES/PARAMETRES/UAJ absent) : ` +
        `ce n'est pas un export « ElevesSansAdresses » complet de SIECLE.`,
      `The XML file does not say which school it comes from (element BEE_ELEVES/PARAMETRES/UAJ missing): ` +
        `it is not a complete “ElevesSansAdresses” export from SIECLE.`,
    );
  }
  return { uaj, students, structures };
}

/**
 * A copy sharing no memory with the chunk it was cut from. V8 keeps a long enough substring as a
 * view on its parent string, so a single name kept from each 64 KiB chunk would keep the whole
 * decoded file alive. JSON's parser builds a new flat string, one byte per character when it can
 * (measured on 20,000 students: 8 MiB retained instead of 40).
 */
function detached(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

function structuresOf(all: Map<string, XmlStructures>, eleveId: string): XmlStructures {
  let found = all.get(eleveId);
  if (!found) {
    found = { division: null, groups: [] };
    all.set(eleveId, found);
  }
  return found;
}

/** A student has one division; should SIECLE list two, the first one stands. */
function addStructure(owner: XmlStructures, structure: { code: string; type: string }): void {
  if (structure.code === '') return;
  if (structure.type === 'D') owner.division ??= structure.code;
  else if (structure.type === 'G') owner.groups.push(structure.code);
}

function normalizeUaj(uaj: string): string {
  return uaj.trim().toUpperCase();
}

function wrongUaj(found: string, expected: string): SiecleFileError {
  return new SiecleFileError(
    'wrong_uaj',
    found === ''
      ? `Le fichier XML n'indique pas d'établissement (UAJ vide) : il ne peut pas être importé pour ${expected}.`
      : `Ce fichier est l'export SIECLE de l'établissement ${found}, pas du vôtre (${expected}). ` +
        `Vérifiez que vous avez téléchargé l'export de votre établissement.`,
    found === ''
      ? `The XML file names no school (empty UAJ): it cannot be imported for ${expected}.`
      : `This file is the SIECLE export of school ${found}, not of yours (${expected}). ` +
        `Check that you downloaded your own school's export.`,
  );
}

/** @param why, whyEn what is wrong, in French and in English. */
function notSiecle(why: string, whyEn: string): SiecleFileError {
  return new SiecleFileError(
    'not_siecle',
    `Ce fichier XML n'est pas un export SIECLE des élèves (${why}). ` +
      `Le fichier attendu est « ElevesSansAdresses.xml » (ou son .zip), exporté depuis SIECLE (module BEE).`,
    `This XML file is not a SIECLE student export (${whyEn}). ` +
      `The expected file is “ElevesSansAdresses.xml” (or its .zip), exported from SIECLE (module BEE).`,
  );
}

function wrongEncoding(encoding: string): SiecleFileError {
  return new SiecleFileError(
    'invalid_bytes',
    `Le fichier XML déclare l'encodage « ${encoding} » mais contient des caractères qui n'y existent pas : ` +
      `il a sans doute été ré-enregistré par un autre logiciel. Ré-exportez-le depuis SIECLE sans le modifier.`,
    `The XML file declares the encoding “${encoding}” but holds characters that do not exist in it: ` +
      `it was probably saved again by another program. Export it again from SIECLE without modifying it.`,
  );
}
