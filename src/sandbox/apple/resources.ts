/** The emulator's state as JSON:API resource objects, shaped as in Apple's OpenAPI spec (asc-spec 4.4.1). */
import type { Resource } from './jsonapi.js';
import type {
  AppleApp,
  AppleBuild,
  AppleBuildUpload,
  AppleLocalization,
  ApplePhasedRelease,
  AppleReviewSubmission,
  AppleUploadFile,
  AppleVersion,
} from './state.js';

export interface Urls {
  /** The API root on this server, e.g. http://127.0.0.1:4567/apple */
  base: string;
}

const ref = (type: string, id: string | null) => ({ data: id === null ? null : { type, id } });
const self = (urls: Urls, type: string, id: string) => ({ self: `${urls.base}/v1/${type}/${id}` });

export function appResource(app: AppleApp, urls: Urls): Resource {
  return {
    type: 'apps',
    id: app.id,
    attributes: {
      name: app.name,
      bundleId: app.bundleId,
      sku: app.sku,
      primaryLocale: app.primaryLocale,
      contentRightsDeclaration: app.blockers.length > 0 ? null : 'DOES_NOT_USE_THIRD_PARTY_CONTENT',
    },
    relationships: {
      appStoreVersions: { links: { related: `${urls.base}/v1/apps/${app.id}/appStoreVersions` } },
      builds: { links: { related: `${urls.base}/v1/apps/${app.id}/builds` } },
    },
    links: self(urls, 'apps', app.id),
  };
}

export function versionResource(version: AppleVersion, urls: Urls): Resource {
  return {
    type: 'appStoreVersions',
    id: version.id,
    attributes: {
      platform: version.platform,
      versionString: version.versionString,
      // appStoreState is deprecated in 4.4.1 but still sent, with the same value.
      appStoreState: version.appVersionState,
      appVersionState: version.appVersionState,
      releaseType: version.releaseType,
      earliestReleaseDate: version.earliestReleaseDate,
      createdDate: version.createdDate,
      downloadable: true,
    },
    relationships: {
      app: ref('apps', version.appId),
      build: {
        ...ref('builds', version.buildId),
        links: { related: `${urls.base}/v1/appStoreVersions/${version.id}/build` },
      },
    },
    links: self(urls, 'appStoreVersions', version.id),
  };
}

export function localizationResource(loc: AppleLocalization, urls: Urls): Resource {
  return {
    type: 'appStoreVersionLocalizations',
    id: loc.id,
    attributes: {
      locale: loc.locale,
      whatsNew: loc.whatsNew,
      description: loc.description,
      keywords: null,
      promotionalText: null,
    },
    relationships: { appStoreVersion: ref('appStoreVersions', loc.versionId) },
    links: self(urls, 'appStoreVersionLocalizations', loc.id),
  };
}

export function buildResource(build: AppleBuild, urls: Urls): Resource {
  return {
    type: 'builds',
    id: build.id,
    attributes: {
      version: build.version,
      uploadedDate: build.uploadedDate,
      expirationDate: null,
      expired: false,
      minOsVersion: '13.0',
      processingState: build.processingState,
      buildAudienceType: 'APP_STORE_ELIGIBLE',
      usesNonExemptEncryption: build.usesNonExemptEncryption,
    },
    relationships: {
      app: ref('apps', build.appId),
      preReleaseVersion: { data: { type: 'preReleaseVersions', id: `prv-${build.appId}-${build.shortVersion}` } },
    },
    links: self(urls, 'builds', build.id),
  };
}

export function buildUploadResource(upload: AppleBuildUpload, urls: Urls): Resource {
  return {
    type: 'buildUploads',
    id: upload.id,
    attributes: {
      cfBundleShortVersionString: upload.cfBundleShortVersionString,
      cfBundleVersion: upload.cfBundleVersion,
      createdDate: upload.createdDate,
      uploadedDate: upload.uploadedDate,
      platform: upload.platform,
      state: { state: upload.state, errors: upload.errors, warnings: [], infos: [] },
    },
    relationships: {
      app: ref('apps', upload.appId),
      build: ref('builds', upload.buildId),
      buildUploadFiles: { links: { related: `${urls.base}/v1/buildUploads/${upload.id}/buildUploadFiles` } },
    },
    links: self(urls, 'buildUploads', upload.id),
  };
}

export function uploadFileResource(file: AppleUploadFile, urls: Urls): Resource {
  return {
    type: 'buildUploadFiles',
    id: file.id,
    attributes: {
      assetType: file.assetType,
      fileName: file.fileName,
      fileSize: file.fileSize,
      uti: file.uti,
      sourceFileChecksums: file.checksum ? { file: file.checksum } : null,
      assetDeliveryState: { state: file.deliveryState, errors: [], warnings: [] },
      assetToken: `sandbox-asset-${file.id}`,
      uploadOperations:
        file.deliveryState === 'AWAITING_UPLOAD'
          ? file.parts.map((part) => ({
              method: 'PUT',
              url: `${urls.base}/upload/${file.id}/${part.partNumber}?token=${part.token}`,
              offset: part.offset,
              length: part.length,
              requestHeaders: [
                { name: 'Content-Type', value: 'application/octet-stream' },
                { name: 'X-Sandbox-Part', value: part.headerValue },
              ],
              partNumber: part.partNumber,
              expiration: new Date(Date.parse('2100-01-01T00:00:00Z')).toISOString(),
              entityTag: null,
            }))
          : null,
    },
    relationships: { buildUpload: ref('buildUploads', file.uploadId) },
    links: self(urls, 'buildUploadFiles', file.id),
  };
}

export function phasedReleaseResource(phased: ApplePhasedRelease, urls: Urls): Resource {
  return {
    type: 'appStoreVersionPhasedReleases',
    id: phased.id,
    attributes: {
      phasedReleaseState: phased.phasedReleaseState,
      startDate: null,
      totalPauseDuration: 0,
      currentDayNumber: 0,
    },
    links: self(urls, 'appStoreVersionPhasedReleases', phased.id),
  };
}

export function submissionResource(submission: AppleReviewSubmission, urls: Urls): Resource {
  return {
    type: 'reviewSubmissions',
    id: submission.id,
    attributes: { platform: submission.platform, state: submission.state, submittedDate: submission.submittedDate },
    relationships: {
      app: ref('apps', submission.appId),
      appStoreVersionForReview: ref('appStoreVersions', submission.versionIds[0] ?? null),
      items: {
        data: submission.versionIds.map((id) => ({ type: 'reviewSubmissionItems', id: `item-${submission.id}-${id}` })),
      },
    },
    links: self(urls, 'reviewSubmissions', submission.id),
  };
}
