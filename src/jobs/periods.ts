/** Period keys of the jobs that run once per period, in Paris time (the schools' clock, summer time included). */
export type PeriodUnit = 'day' | 'hour' | 'minute';

const FORMAT = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** e.g. parisPeriod('day')(now) → "2026-03-02": two instances firing the same day get the same key. */
export function parisPeriod(unit: PeriodUnit): (now: Date) => string {
  return (now) => {
    const p = Object.fromEntries(FORMAT.formatToParts(now).map((x) => [x.type, x.value]));
    const day = `${p.year}-${p.month}-${p.day}`;
    if (unit === 'day') return day;
    return unit === 'hour' ? `${day}T${p.hour}` : `${day}T${p.hour}:${p.minute}`;
  };
}
