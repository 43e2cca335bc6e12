/** What other features use of the order feature; they import it from here and from nowhere else in this folder. */
export { eachOrder, loadOrder, loadOrderAt, loadOrders, orderStateName, saveOrder } from './store.js';
