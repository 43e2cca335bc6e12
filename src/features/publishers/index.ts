/** What other features use of the publishers feature; they import it from here and from nowhere else in this folder. */
export { loadPublisher, loadPublishers, type StoredPublisher } from './store.js';
