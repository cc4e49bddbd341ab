/** RFC 6266: an ASCII fallback and the UTF-8 name, so a Vietnamese file name survives the download. */
export const contentDisposition = (disposition: 'inline' | 'attachment', fileName: string) => {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/["\\]/g, '_');
  return `${disposition}; filename="${ascii || 'tep'}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
};
