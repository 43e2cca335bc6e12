/** What other features use of the specifications feature; they import it from here and from nowhere else in this folder. */
export {
  BLANK_DATE,
  BLANK_NUMBER,
  compareManifestRows,
  fillTemplate,
  formatContractDate,
  parseContractDate,
  rubles,
  specificationsOf,
  summarize,
  TEMPLATE_FIELDS,
  totalInWords,
  unknownPlaceholders,
  vatLabel,
  vatSentence,
  type ContractDate,
  type ManifestRow,
  type Specification,
  type SpecificationItem,
} from './specification.js';
export { sha256, signatureName, specificationXlsx, type SpecificationCustomer, type SpecificationSupplier } from './workbook.js';
export { specificationPackage } from './doctor.js';
