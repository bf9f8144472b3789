export { workbenchRoutes, workbenchNavigation } from './workbench.pages';
