import type { Importer, ImportKind } from '../../imports/importer.ts';
import type { OrganisationRepository } from '../../repositories/organisation.repository.ts';
import type { PlatformRepository } from '../../repositories/platform.repository.ts';
import type { RegionRepository } from '../../repositories/region.repository.ts';
import type { ServiceItemRepository } from '../../repositories/service-item.repository.ts';
import type { StaffRepository } from '../../repositories/staff.repository.ts';
import type { CaseIntakeService } from '../case-intake.service.ts';
import type { OrganisationService } from '../organisation.service.ts';
import type { PlatformService } from '../platform.service.ts';
import type { ServiceItemService } from '../service-item.service.ts';
import { CaseImporter } from './cases.importer.ts';
import { OrganisationImporter } from './organisations.importer.ts';
import { PlatformImporter } from './platforms.importer.ts';
import { RegionImporter } from './regions.importer.ts';
import { ServiceItemImporter } from './service-items.importer.ts';
import { StaffImporter } from './staff.importer.ts';
import { CampaignInputImporter } from './campaign-inputs.importer.ts';
import type { CampaignService } from '../campaign.service.ts';

export interface ImporterDeps {
  repos: { regions: RegionRepository; orgs: OrganisationRepository; platforms: PlatformRepository; staff: StaffRepository; serviceItems: ServiceItemRepository };
  services: { organisations: OrganisationService; platforms: PlatformService; serviceItems: ServiceItemService; caseIntake: CaseIntakeService; campaigns: CampaignService };
}

/** One importer per kind of master data, and one for cases. */
export function createImporters({ repos, services }: ImporterDeps): Record<ImportKind, Importer> {
  return {
    regions: new RegionImporter(repos.regions),
    organisations: new OrganisationImporter(repos.orgs, repos.regions, services.organisations),
    platforms: new PlatformImporter(repos.platforms, repos.regions, services.platforms),
    staff: new StaffImporter(repos.staff, repos.orgs),
    'service-items': new ServiceItemImporter(repos.serviceItems, repos.orgs, repos.regions, services.serviceItems),
    cases: new CaseImporter(services.caseIntake),
    'campaign-inputs': new CampaignInputImporter(services.campaigns),
  };
}
