// What other features may use of the cases feature: the fields a category asks for, for
// screens elsewhere that turn something into a case.
export { attributesBody, CategoryAttributeFields } from './components/attribute-fields.tsx';
