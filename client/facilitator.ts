import './features/facilitator/facilitator.css';
import { startFacilitatorPage } from './features/facilitator/facilitator-page';

// The facilitator's screen of a workshop, for a projector: facilitator.html?workshop=CODE.

startFacilitatorPage().catch((error: unknown) => console.error('facilitator: could not start', error));
