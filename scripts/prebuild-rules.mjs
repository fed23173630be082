#!/usr/bin/env node
/**
 * The build's last step: load and check the bundled rules once and write them as data beside the built code
 * (dist/rules/bundled.json, src/batch/prebuilt.ts), so runs with the bundled rules skip that work.
 */
import { writePrebuiltRules, PREBUILT_RULES } from '../dist/batch/prebuilt.js';

const data = writePrebuiltRules();
console.log(`bundled rules (${data.rules.reduce((n, [, list]) => n + list.length, 0)} rules) written to ${PREBUILT_RULES}`);
