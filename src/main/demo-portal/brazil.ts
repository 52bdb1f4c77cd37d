// Reference tables for realistic Brazilian demo data. Cities carry their real DDD (area code) and a
// real CEP range, so phone, postcode and state always agree with each other.

export interface City {
  readonly name: string
  readonly ddd: string
  /** First and last 5-digit CEP prefix of the city. */
  readonly cepFrom: number
  readonly cepTo: number
}

export interface State {
  readonly uf: string
  /** Rough share of the population, so São Paulo shows up far more often than Roraima. */
  readonly weight: number
  readonly cities: readonly City[]
}

const city = (name: string, ddd: string, cepFrom: number, cepTo: number): City => ({ name, ddd, cepFrom, cepTo })

/** The 27 federative units. */
export const STATES: readonly State[] = [
  {
    uf: 'SP',
    weight: 22,
    cities: [
      city('São Paulo', '11', 1000, 5999),
      city('Guarulhos', '11', 7000, 7399),
      city('São Bernardo do Campo', '11', 9600, 9899),
      city('Campinas', '19', 13000, 13139),
      city('Santos', '13', 11000, 11099),
      city('São José dos Campos', '12', 12200, 12248),
      city('Ribeirão Preto', '16', 14000, 14114),
      city('Sorocaba', '15', 18000, 18109),
      city('Bauru', '14', 17000, 17109),
      city('São José do Rio Preto', '17', 15000, 15099),
      city('Presidente Prudente', '18', 19000, 19109),
    ],
  },
  {
    uf: 'MG',
    weight: 10,
    cities: [
      city('Belo Horizonte', '31', 30000, 31999),
      city('Contagem', '31', 32000, 32399),
      city('Juiz de Fora', '32', 36000, 36099),
      city('Governador Valadares', '33', 35000, 35099),
      city('Uberlândia', '34', 38400, 38415),
      city('Uberaba', '34', 38000, 38099),
      city('Poços de Caldas', '35', 37700, 37719),
      city('Divinópolis', '37', 35500, 35509),
      city('Montes Claros', '38', 39400, 39409),
    ],
  },
  {
    uf: 'RJ',
    weight: 8,
    cities: [
      city('Rio de Janeiro', '21', 20000, 23799),
      city('Niterói', '21', 24000, 24399),
      city('Nova Iguaçu', '21', 26000, 26099),
      city('Campos dos Goytacazes', '22', 28000, 28099),
      city('Petrópolis', '24', 25600, 25779),
      city('Volta Redonda', '24', 27200, 27299),
    ],
  },
  {
    uf: 'BA',
    weight: 7,
    cities: [
      city('Salvador', '71', 40000, 42599),
      city('Ilhéus', '73', 45650, 45669),
      city('Juazeiro', '74', 48900, 48909),
      city('Feira de Santana', '75', 44000, 44099),
      city('Vitória da Conquista', '77', 45000, 45099),
    ],
  },
  {
    uf: 'PR',
    weight: 5.5,
    cities: [
      city('Curitiba', '41', 80000, 82999),
      city('Ponta Grossa', '42', 84000, 84099),
      city('Londrina', '43', 86000, 86099),
      city('Maringá', '44', 87000, 87099),
      city('Cascavel', '45', 85800, 85824),
      city('Foz do Iguaçu', '45', 85850, 85869),
    ],
  },
  {
    uf: 'RS',
    weight: 5.4,
    cities: [
      city('Porto Alegre', '51', 90000, 91999),
      city('Canoas', '51', 92000, 92479),
      city('Pelotas', '53', 96000, 96099),
      city('Caxias do Sul', '54', 95000, 95124),
      city('Passo Fundo', '54', 99000, 99099),
      city('Santa Maria', '55', 97000, 97119),
    ],
  },
  {
    uf: 'PE',
    weight: 4.5,
    cities: [
      city('Recife', '81', 50000, 52999),
      city('Olinda', '81', 53000, 53399),
      city('Jaboatão dos Guararapes', '81', 54000, 54599),
      city('Caruaru', '81', 55000, 55099),
      city('Petrolina', '87', 56300, 56339),
    ],
  },
  {
    uf: 'CE',
    weight: 4.3,
    cities: [city('Fortaleza', '85', 60000, 61599), city('Sobral', '88', 62000, 62119), city('Juazeiro do Norte', '88', 63000, 63049)],
  },
  {
    uf: 'PA',
    weight: 4,
    cities: [city('Belém', '91', 66000, 66999), city('Santarém', '93', 68000, 68109), city('Marabá', '94', 68500, 68509)],
  },
  {
    uf: 'SC',
    weight: 3.5,
    cities: [
      city('Joinville', '47', 89200, 89239),
      city('Blumenau', '47', 89000, 89099),
      city('Florianópolis', '48', 88000, 88099),
      city('Criciúma', '48', 88800, 88819),
      city('Chapecó', '49', 89800, 89816),
    ],
  },
  {
    uf: 'GO',
    weight: 3.3,
    cities: [city('Goiânia', '62', 74000, 74899), city('Anápolis', '62', 75000, 75149), city('Rio Verde', '64', 75900, 75909)],
  },
  {
    uf: 'MA',
    weight: 3.3,
    cities: [city('São Luís', '98', 65000, 65109), city('Imperatriz', '99', 65900, 65919)],
  },
  {
    uf: 'AM',
    weight: 2,
    cities: [city('Manaus', '92', 69000, 69099), city('Parintins', '92', 69150, 69154)],
  },
  {
    uf: 'ES',
    weight: 2,
    cities: [city('Vitória', '27', 29000, 29099), city('Vila Velha', '27', 29100, 29129), city('Cachoeiro de Itapemirim', '28', 29300, 29319)],
  },
  {
    uf: 'PB',
    weight: 2,
    cities: [city('João Pessoa', '83', 58000, 58099), city('Campina Grande', '83', 58400, 58449)],
  },
  {
    uf: 'MT',
    weight: 1.7,
    cities: [city('Cuiabá', '65', 78000, 78099), city('Rondonópolis', '66', 78700, 78749), city('Sinop', '66', 78550, 78559)],
  },
  {
    uf: 'RN',
    weight: 1.6,
    cities: [city('Natal', '84', 59000, 59161), city('Mossoró', '84', 59600, 59649)],
  },
  {
    uf: 'AL',
    weight: 1.5,
    cities: [city('Maceió', '82', 57000, 57099), city('Arapiraca', '82', 57300, 57319)],
  },
  {
    uf: 'PI',
    weight: 1.5,
    cities: [city('Teresina', '86', 64000, 64099), city('Parnaíba', '86', 64200, 64219)],
  },
  {
    uf: 'DF',
    weight: 1.5,
    cities: [city('Brasília', '61', 70000, 70999), city('Taguatinga', '61', 72000, 72199), city('Águas Claras', '61', 71900, 71999)],
  },
  {
    uf: 'MS',
    weight: 1.3,
    cities: [city('Campo Grande', '67', 79000, 79124), city('Dourados', '67', 79800, 79849)],
  },
  {
    uf: 'SE',
    weight: 1.1,
    cities: [city('Aracaju', '79', 49000, 49099), city('Lagarto', '79', 49400, 49409)],
  },
  {
    uf: 'RO',
    weight: 0.8,
    cities: [city('Porto Velho', '69', 76800, 76834), city('Ji-Paraná', '69', 76900, 76914)],
  },
  {
    uf: 'TO',
    weight: 0.7,
    cities: [city('Palmas', '63', 77000, 77274), city('Araguaína', '63', 77800, 77829)],
  },
  {
    uf: 'AC',
    weight: 0.4,
    cities: [city('Rio Branco', '68', 69900, 69923), city('Cruzeiro do Sul', '68', 69980, 69981)],
  },
  {
    uf: 'AP',
    weight: 0.4,
    cities: [city('Macapá', '96', 68900, 68914), city('Santana', '96', 68925, 68929)],
  },
  {
    uf: 'RR',
    weight: 0.3,
    cities: [city('Boa Vista', '95', 69300, 69339)],
  },
]

export const FIRST_NAMES: readonly string[] = [
  'João',
  'José',
  'Antônio',
  'Francisco',
  'Carlos',
  'Paulo',
  'Pedro',
  'Lucas',
  'Luiz',
  'Marcos',
  'Luís',
  'Gabriel',
  'Rafael',
  'Daniel',
  'Marcelo',
  'Bruno',
  'Eduardo',
  'Felipe',
  'Raimundo',
  'Rodrigo',
  'Sérgio',
  'Fábio',
  'Vinícius',
  'Otávio',
  'Caio',
  'Thiago',
  'André',
  'Gustavo',
  'Leandro',
  'Márcio',
  'Júlio',
  'César',
  'Hélio',
  'Rogério',
  'Cláudio',
  'Maurício',
  'Flávio',
  'Renato',
  'Ricardo',
  'Igor',
  'Maria',
  'Ana',
  'Francisca',
  'Antônia',
  'Adriana',
  'Juliana',
  'Márcia',
  'Fernanda',
  'Patrícia',
  'Aline',
  'Sandra',
  'Camila',
  'Amanda',
  'Bruna',
  'Jéssica',
  'Letícia',
  'Júlia',
  'Luciana',
  'Vanessa',
  'Mariana',
  'Conceição',
  'Cecília',
  'Lúcia',
  'Helena',
  'Beatriz',
  'Larissa',
  'Débora',
  'Tânia',
  'Mônica',
  'Flávia',
  'Gisele',
  'Rosângela',
  'Célia',
  'Inês',
  'Simone',
  'Priscila',
  'Natália',
  'Raquel',
  'Sônia',
  'Vitória',
]

/** Double first names are common in Brazil and exercise the "firstname lastname" search. */
export const COMPOUND_FIRST_NAMES: readonly string[] = [
  'Maria José',
  'João Pedro',
  'Ana Clara',
  'Maria Eduarda',
  'José Carlos',
  'Luiz Fernando',
  'Ana Paula',
  'Maria das Graças',
  'João Vítor',
  'Ana Luíza',
  'Carlos Eduardo',
  'Maria Conceição',
]

export const SURNAMES: readonly string[] = [
  'Silva',
  'Santos',
  'Oliveira',
  'Souza',
  'Rodrigues',
  'Ferreira',
  'Alves',
  'Pereira',
  'Lima',
  'Gomes',
  'Costa',
  'Ribeiro',
  'Martins',
  'Carvalho',
  'Almeida',
  'Lopes',
  'Soares',
  'Fernandes',
  'Vieira',
  'Barbosa',
  'Rocha',
  'Dias',
  'Nascimento',
  'Andrade',
  'Moreira',
  'Nunes',
  'Marques',
  'Machado',
  'Mendes',
  'Freitas',
  'Cardoso',
  'Ramos',
  'Gonçalves',
  'Santana',
  'Teixeira',
  'Araújo',
  'Conceição',
  'Magalhães',
  'Brandão',
  'Falcão',
  'Simões',
  'Assunção',
  'Guimarães',
  'Damásio',
  'Patrício',
  'Antunes',
  'Bezerra',
  'Cavalcanti',
  'Monteiro',
  'Peixoto',
]

/** Surnames with their particle, as they are written: "Maria da Silva", "João dos Santos". */
export const JOINED_SURNAMES: readonly string[] = [
  'da Silva',
  'dos Santos',
  'de Oliveira',
  'de Souza',
  'da Costa',
  'do Nascimento',
  'da Conceição',
  'de Araújo',
  'dos Reis',
  'das Neves',
  'de Jesus',
  'da Cruz',
]

export const BUSINESS_KINDS: readonly string[] = [
  'Padaria',
  'Mercearia',
  'Auto Peças',
  'Clínica Odontológica',
  'Construtora',
  'Imobiliária',
  'Escritório Contábil',
  'Pet Shop',
  'Restaurante',
  'Pizzaria',
  'Açougue',
  'Ótica',
  'Academia',
  'Farmácia',
  'Distribuidora',
  'Transportadora',
  'Gráfica',
  'Papelaria',
  'Consultoria',
  'Informática',
  'Advocacia',
  'Estúdio',
  'Escola de Idiomas',
  'Hotel',
  'Pousada',
  'Salão de Beleza',
  'Marcenaria',
  'Serralheria',
  'Vidraçaria',
  'Floricultura',
]

export const BUSINESS_NAMES: readonly string[] = [
  'São José',
  'Santa Luzia',
  'Bom Jesus',
  'Estrela',
  'Horizonte',
  'Progresso',
  'Boa Vista',
  'Primavera',
  'Aurora',
  'Ipê Amarelo',
  'Jacarandá',
  'Sol Nascente',
  'Nova Era',
  'Paraíso',
  'Cristal',
  'Central',
  'Real',
  'Pioneira',
  'União',
  'Vitória',
  'Bela Vista',
  'Santa Cecília',
  'São Judas Tadeu',
  'Conquista',
  'Girassol',
  'Maré Alta',
]

/** Legal-form suffixes; weights below make "Ltda" the usual one. */
export const COMPANY_SUFFIXES: readonly string[] = ['Ltda', 'ME', 'EIRELI', 'S.A.']
export const COMPANY_SUFFIX_WEIGHTS: readonly number[] = [60, 20, 15, 5]

export const STREET_TYPES: readonly string[] = ['Rua', 'Rua', 'Rua', 'Av.', 'Av.', 'Travessa', 'Alameda']

export const STREET_NAMES: readonly string[] = [
  'das Flores',
  'XV de Novembro',
  'Brasil',
  'Sete de Setembro',
  'Getúlio Vargas',
  'Tiradentes',
  'Dom Pedro II',
  'São João',
  'Presidente Vargas',
  'Marechal Deodoro',
  'Barão do Rio Branco',
  'Floriano Peixoto',
  'Independência',
  'Santos Dumont',
  'Rui Barbosa',
  'José Bonifácio',
  'Duque de Caxias',
  'Rio Branco',
  'das Acácias',
  'dos Ipês',
  'Padre Anchieta',
  'Beira-Mar',
  'Castro Alves',
  'Olavo Bilac',
  'Cecília Meireles',
  'Conceição',
  'São Sebastião',
]

/** Brazilians often put the neighbourhood (bairro) or the unit in address2. */
export const ADDRESS2_VALUES: readonly string[] = [
  'Centro',
  'Jardim América',
  'Vila Nova',
  'Boa Vista',
  'Jardim Paulista',
  'Santa Mônica',
  'Apto 42',
  'Apto 1203',
  'Sala 302',
  'Sala 15 - Centro',
  'Bloco B, Apto 101',
  'Casa 2',
  'Fundos',
  'Loja 3',
  'Conjunto 7',
]

export const CLIENT_MAILBOXES: readonly string[] = ['contato', 'financeiro', 'comercial', 'atendimento', 'adm', 'sac']

export const FREE_MAIL_DOMAINS: readonly string[] = ['gmail.com', 'hotmail.com', 'yahoo.com.br', 'outlook.com']

export const DOMAIN_SUFFIXES: readonly string[] = ['.com.br', '.com', '.net.br', '.ind.br']
export const DOMAIN_SUFFIX_WEIGHTS: readonly number[] = [85, 8, 5, 2]

/**
 * Misspelt or wrong-country free-mail domains seen in real Brazilian client bases: mail to them bounces or goes to a
 * stranger. Each is a typo the audit knows (src/shared/email-domains.ts); none is a real provider (hotmail.com.br and
 * yahoo.com are: test/fixtures/email/real-providers.json).
 */
export const TYPO_MAIL_DOMAINS: readonly string[] = ['gmial.com', 'hotmial.com', 'gmail.com.br', 'yaho.com.br', 'outlok.com']

/** Accounting offices, whose staff log in to many clients' accounts to fetch invoices. */
export const ACCOUNTING_FIRMS: readonly string[] = ['contabilidade', 'contabil', 'escritoriocontabil', 'assessoriacontabil']

/** Full state names by UF, for GetClientsDetails' `fullstate`. */
export const STATE_NAMES: Readonly<Record<string, string>> = {
  AC: 'Acre',
  AL: 'Alagoas',
  AP: 'Amapá',
  AM: 'Amazonas',
  BA: 'Bahia',
  CE: 'Ceará',
  DF: 'Distrito Federal',
  ES: 'Espírito Santo',
  GO: 'Goiás',
  MA: 'Maranhão',
  MT: 'Mato Grosso',
  MS: 'Mato Grosso do Sul',
  MG: 'Minas Gerais',
  PA: 'Pará',
  PB: 'Paraíba',
  PR: 'Paraná',
  PE: 'Pernambuco',
  PI: 'Piauí',
  RJ: 'Rio de Janeiro',
  RN: 'Rio Grande do Norte',
  RS: 'Rio Grande do Sul',
  RO: 'Rondônia',
  RR: 'Roraima',
  SC: 'Santa Catarina',
  SP: 'São Paulo',
  SE: 'Sergipe',
  TO: 'Tocantins',
}
