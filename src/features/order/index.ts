/** What other features use of the order feature; they import it from here and from nowhere else in this folder. */
export { eachOrder, eachOrderHead, isLeftBehindOrder, loadOrder, loadOrderAt, loadOrders, orderStateName, orderStateNames, saveOrder } from './store.js';
export type { OrderHead, OrderVersionHead } from './order-file.js';
export { orderFiles } from './doctor.js';
export { formedOrderOf, formedOrders, schoolOrders, type FormedOrder, type SchoolOrder } from './orders-in-turns.js';
