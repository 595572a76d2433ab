/** The parts of an EDI file name `<interface id 8>_<app 6>_<app 6><interface 4><sequence 15>`. */
export interface EdiFileName {
  interfaceCode: string;
  senderApp: string;
  sequence: string;
}

const EDI_NAME = /^([A-Z0-9]{8})_([A-Z0-9]{6})_([A-Z0-9]{6})([A-Z0-9]{4})([0-9]{15})$/;

/** Reads the interface code out of an EDI file name, or null when the name does not follow the convention. */
export function parseEdiFileName(name: string): EdiFileName | null {
  const m = EDI_NAME.exec(name.trim());
  if (!m) return null;
  return { interfaceCode: m[1]!, senderApp: m[2]!, sequence: m[5]! };
}

/** Reads a best-effort interface code from a file name that may not follow the convention (its first 8 characters). */
export function interfaceCodeFromFileName(name: string): string | null {
  const parsed = parseEdiFileName(name);
  if (parsed) return parsed.interfaceCode;
  const m = /^([A-Za-z0-9]{8})_/.exec(name.trim());
  return m ? m[1]!.toUpperCase() : null;
}
