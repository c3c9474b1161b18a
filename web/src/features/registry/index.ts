// What other features may use of the registry feature: the visit form (the grid worker's due
// visits on /m record through it).
export { RecordVisitModal, type VisitTarget } from './components/visit-modal.tsx';
