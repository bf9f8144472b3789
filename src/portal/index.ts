export { portalRoutes, portalNavigation } from './portal.pages';
