/** Huawei's time format `yyyy-MM-dd'T'HH:mm:ssZZ`, written in Beijing time: 2026-06-20T10:00:00+0800. */
import { beijingTime } from '../../core/time.js';

export function huaweiTime(date: Date): string {
  return `${beijingTime(date).replace(' ', 'T')}+0800`;
}
