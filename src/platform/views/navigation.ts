import type { FastifyRequest } from 'fastify';

export interface NavItem {
  href: string;
  text: string;
  active?: boolean;
}

/** Each shell (portal, workbench) tells what its navigation shows for a request. */
export type NavigationFor = (req: FastifyRequest) => {
  serviceNameKey: string;
  homeHref: string;
  items: NavItem[];
};
