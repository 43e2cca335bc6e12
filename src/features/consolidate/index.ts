/** What other features use of the consolidate feature; they import it from here and from nowhere else in this folder. */
export { KIND_MUNICIPALITY, KIND_REGION } from './workbook.js';
export { consolidationFolders } from './doctor.js';
